/**
 * Expert load imbalance (busiest GPU's routed tokens over the mean) for large expert parallelism.
 * Uncalibrated defaults, one pair for every model and GPU; calibration replaces them.
 *
 * - withoutEplb 2.0: PUBLISHED.md "expert load imbalance costs 1.5–2.5× in MoE decode without
 *   expert load balancing"; the middle of that range. SGLang's blog (2025-05-05) reports EPLB
 *   speed-ups of 1.49× (prefill) and 2.54× (decode), the same range.
 * - withEplb 1.2: redundant experts placed by EPLB leave the busiest GPU about a fifth above the
 *   mean (balancedness ≈ 0.83). An assumption, not a measurement: no published figure in
 *   PUBLISHED.md pins it.
 */
export const EXPERT_LOAD_IMBALANCE = Object.freeze({
  withoutEplb: 2.0,
  withEplb: 1.2,
  source:
    'PUBLISHED.md lessons (1.5–2.5× without EPLB, middle taken); with EPLB an assumed 1.2 (balancedness ≈ 0.83), uncalibrated.',
});
