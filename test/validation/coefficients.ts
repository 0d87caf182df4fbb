import type { GpuId } from '../../libs/catalog/src/index.js';
import { DEFAULT_EFFICIENCY, EXPERT_LOAD_IMBALANCE, type EfficiencyCoefficients } from '../../libs/capacity/src/index.js';

export type GpuFamily = 'ampere' | 'hopper' | 'blackwell';

export const GPU_FAMILY: Readonly<Record<GpuId, GpuFamily>> = {
  'a100-40gb': 'ampere',
  'a100-80gb': 'ampere',
  'h100-sxm': 'hopper',
  h800: 'hopper',
  h20: 'hopper',
  h200: 'hopper',
  l40s: 'ampere', // Ada; no case uses it
  b200: 'blackwell',
};

/**
 * ONE set of coefficients per GPU family, the same for every case of that family, fitted by
 * `npm run validate:fit` (test/validation/fit.ts: coordinate descent on grids capped at published
 * kernel ceilings, minimising the family's mean absolute error) to ALL the published cases of the
 * family. These are in-sample values: the table of `npm run validate` is a fit, not a prediction.
 * The held-out (leave-one-case-out) errors of `npm run validate:fit`, stated in VALIDATION.md, are
 * the honest measure: median 21.9 % against 7.7 % in-sample (2026-11-29).
 *
 * Free in the fit (fit.ts ADOPTED_FIT_KEYS, chosen by held-out error): η_compute for BF16 GEMMs
 * (and attention), η_compute for FP8 / FP4 / INT8 GEMMs, fixed overhead per step. Not fitted:
 * η_memory 0.8 and η_interconnect 0.7 (PUBLISHED.md K3, DEFAULT_EFFICIENCY); the optional
 * attention-memory η and per-sequence overhead are absent (today's model), see fit.ts.
 */
export const EFFICIENCY_BY_FAMILY: Readonly<Record<GpuFamily, EfficiencyCoefficients>> = {
  // Fitted on K1–K2 only (one kernel case, no hold-out possible): one large BF16 GEMM reaches 0.8
  // of peak (K2). A kernel case shows nothing else; the rest stays at the defaults.
  ampere: Object.freeze({
    ...DEFAULT_EFFICIENCY,
    computeEfficiencyFraction: 0.8,
    provenance: 'calibrated',
    calibrationProfileId: 'published-cases-fit-ampere',
    source: 'Fitted to PUBLISHED.md K1–K2 (test/validation/fit.ts); other coefficients DEFAULT_EFFICIENCY.',
  }),
  // Fitted on V1, V2, V3, V6p, V6d (11 figures). Leave-one-case-out: V1 +20…+37 %, V2 −9 %,
  // V3 −33…+5 % (held out = in-sample: the fit without V3 is the same), V6p −71 %, V6d +55 %.
  hopper: Object.freeze({
    ...DEFAULT_EFFICIENCY,
    computeEfficiencyFraction: 0.8, // BF16 GEMMs and attention: V6p (H20) wants ≈ 0.8, the K2 ceiling
    computeEfficiencyFractionByFormat: Object.freeze({ fp8: 0.3, int8: 0.3, fp4: 0.3 }), // FP8 GEMMs: V1 (DeepGEMM + DeepEP, TBO), V3 prefill
    stepOverheadSeconds: 0,
    provenance: 'calibrated',
    calibrationProfileId: 'published-cases-fit-hopper',
    source:
      'Fitted to PUBLISHED.md V1, V2, V3, V6 (test/validation/fit.ts, in-sample); leave-one-case-out errors in VALIDATION.md. η_memory 0.8, η_interconnect 0.7 not fitted (K3).',
  }),
  // Fitted on V4, V5 (10 figures). Leave-one-case-out: V4 −26…+5 %, V5 −2…+66 %. No BF16 GEMM
  // here: the BF16 η (0.8) only prices attention FLOPs. The 6 ms overhead is the top of the grid.
  blackwell: Object.freeze({
    ...DEFAULT_EFFICIENCY,
    computeEfficiencyFraction: 0.8,
    computeEfficiencyFractionByFormat: Object.freeze({ fp8: 0.1, int8: 0.1, fp4: 0.1 }), // NVFP4 GEMMs: ≈ 0.9 PFLOP/s of the 9 PFLOP/s peak
    stepOverheadSeconds: 0.006,
    provenance: 'calibrated',
    calibrationProfileId: 'published-cases-fit-blackwell',
    source:
      'Fitted to PUBLISHED.md V4, V5 (test/validation/fit.ts, in-sample); leave-one-case-out errors in VALIDATION.md. η_memory 0.8, η_interconnect 0.7 not fitted (K3).',
  }),
};

/** Serving-engine settings applied identically to every case (not coefficients of the physics). */
export const ENGINE_DEFAULTS = Object.freeze({
  /** The one scheduler cap for "max load" (TensorRT-LLM's default max_batch_size). */
  maxBatchSequences: 2048,
  /** KV cache may use 0.9 of HBM (TensorRT-LLM free_gpu_memory_fraction and vLLM gpu_memory_utilization default). */
  usableHbmFraction: 0.9,
  reservedBytesPerGpu: 0,
});

export { EXPERT_LOAD_IMBALANCE };
