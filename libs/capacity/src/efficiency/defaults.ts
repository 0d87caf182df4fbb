import type { ComputeFormat } from '../../../catalog/src/index.js';
import type { EfficiencyCoefficients } from '../types.js';
import { requireNonNegativeFinite, requireOpenClosedFraction } from '../validation/require.js';

const COMPUTE_FORMATS: readonly ComputeFormat[] = ['bf16', 'fp8', 'int8', 'fp4'];

/** η_compute of GEMMs computing in `format`: the per-format value where given, else computeEfficiencyFraction. */
export function computeEfficiencyFor(efficiency: EfficiencyCoefficients, format: ComputeFormat): number {
  return efficiency.computeEfficiencyFractionByFormat?.[format] ?? efficiency.computeEfficiencyFraction;
}

/**
 * Uncalibrated roofline coefficients, derived from published kernel measurements
 * (shared/validation/PUBLISHED.md K1–K3). A calibration profile replaces them.
 *
 * - computeEfficiencyFraction 0.6: one large BF16 GEMM on an A100 reaches ≈ 0.80 of dense peak
 *   (K2: Llama-2-70B gate+up, 4 096 tokens, 3.835 ms). A whole step is not one large GEMM: norms,
 *   rotary, activation and routing kernels run far below peak, and MoE grouped GEMMs split the
 *   tokens into per-expert slices too short to fill the tensor cores. 0.6 ≈ 0.8 × 0.75 leaves a
 *   quarter of the step to those kernels.
 * - memoryEfficiencyFraction 0.8: aiconfigurator scales datasheet HBM bandwidth by 0.8 for every
 *   GPU (K3); the vidur profile of a 1-token GEMV on an A100 measures ≈ 0.77 (K1).
 * - interconnectEfficiencyFraction 0.7: NCCL bus bandwidth of large all-reduces on NVLink reaches
 *   ≈ 0.8 of the one-way link rate; decode messages are small, so a little lower. A fixed latency
 *   per collective is added separately (roofline/communication.ts).
 * - stepOverheadSeconds 0.002: per continuous-batching step the engine schedules on the CPU,
 *   prepares block tables, launches kernels (replayed CUDA graphs still leave gaps between
 *   MoE routing / permute kernels) and samples. PUBLISHED.md notes that framework overhead
 *   dominates decode at high tensor parallelism; an uncalibrated roofline without it under-predicts
 *   decode several-fold at TP8. 2 ms is the middle of the 1–3 ms per-step CPU cost reported for
 *   vLLM / SGLang decode with CUDA graphs on Hopper; calibration replaces it.
 */
export const DEFAULT_EFFICIENCY: EfficiencyCoefficients = Object.freeze({
  computeEfficiencyFraction: 0.6,
  memoryEfficiencyFraction: 0.8,
  interconnectEfficiencyFraction: 0.7,
  stepOverheadSeconds: 0.002,
  provenance: 'default',
  calibrationProfileId: null,
  source:
    'Roofline defaults: η_compute 0.6 (≈ 0.8 of peak for one large GEMM, vidur A100 profile, less for non-GEMM and grouped-expert kernels); η_memory 0.8 (aiconfigurator memory-bandwidth scaling, vidur ≈ 0.77); η_interconnect 0.7 (NCCL bus bandwidth on NVLink); 2 ms framework overhead per step. See shared/validation/PUBLISHED.md K1–K3.',
} satisfies EfficiencyCoefficients);

/** @throws RangeError naming the coefficient that is out of range. */
export function validateEfficiency(efficiency: EfficiencyCoefficients): void {
  if (efficiency === null || typeof efficiency !== 'object') {
    throw new RangeError(`efficiency: must be an object, got ${String(efficiency)}`);
  }
  requireOpenClosedFraction(efficiency.computeEfficiencyFraction, 'efficiency.computeEfficiencyFraction');
  requireOpenClosedFraction(efficiency.memoryEfficiencyFraction, 'efficiency.memoryEfficiencyFraction');
  requireOpenClosedFraction(efficiency.interconnectEfficiencyFraction, 'efficiency.interconnectEfficiencyFraction');
  requireNonNegativeFinite(efficiency.stepOverheadSeconds, 'efficiency.stepOverheadSeconds');
  const byFormat = efficiency.computeEfficiencyFractionByFormat;
  if (byFormat !== undefined) {
    if (byFormat === null || typeof byFormat !== 'object') {
      throw new RangeError(`efficiency.computeEfficiencyFractionByFormat: must be an object, got ${String(byFormat)}`);
    }
    for (const format of COMPUTE_FORMATS) {
      const value = byFormat[format];
      if (value !== undefined) requireOpenClosedFraction(value, `efficiency.computeEfficiencyFractionByFormat.${format}`);
    }
  }
  if (efficiency.overheadSecondsPerSequence !== undefined) {
    requireNonNegativeFinite(efficiency.overheadSecondsPerSequence, 'efficiency.overheadSecondsPerSequence');
  }
  if (efficiency.attentionComputeEfficiencyFraction !== undefined) {
    requireOpenClosedFraction(efficiency.attentionComputeEfficiencyFraction, 'efficiency.attentionComputeEfficiencyFraction');
  }
  if (efficiency.attentionMemoryEfficiencyFraction !== undefined) {
    requireOpenClosedFraction(efficiency.attentionMemoryEfficiencyFraction, 'efficiency.attentionMemoryEfficiencyFraction');
  }
  if (efficiency.perKernelRoofline !== undefined && typeof efficiency.perKernelRoofline !== 'boolean') {
    throw new RangeError(`efficiency.perKernelRoofline: must be a boolean, got ${String(efficiency.perKernelRoofline)}`);
  }
}
