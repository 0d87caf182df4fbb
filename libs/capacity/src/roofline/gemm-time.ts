import type { ComputeFormat, GpuSpec } from '../../../catalog/src/index.js';
import type { EfficiencyCoefficients } from '../types.js';
import { requirePositiveFinite, requirePositiveInteger } from '../validation/require.js';
import { computeEfficiencyFor } from '../efficiency/defaults.js';

/** One matrix multiplication (m × k activations times k × n weights) on one GPU. */
export interface GemmShape {
  /** Tokens (rows of the activation). */
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly weightBytesPerParam: number;
  /** Activations in and out; 2 for BF16. */
  readonly activationBytesPerElement: number;
  readonly computeFormat: ComputeFormat;
}

export interface GemmTime {
  readonly seconds: number;
  readonly computeSeconds: number;
  readonly memorySeconds: number;
  readonly flops: number;
  readonly bytesMoved: number;
  readonly bound: 'compute' | 'bandwidth';
}

/**
 * Roofline of a single GEMM kernel, the unit kernel profilers (vidur, aiconfigurator) measure:
 *
 *   flops = 2 m n k;  bytes = n k × weight bytes + (m k + m n) × activation bytes
 *   seconds = max(flops / (peak of the format × η_compute), bytes / (HBM × η_memory))
 *
 * No step overhead and no communication: a kernel, not a serving step. Uses the same
 * η_compute as the step model, which is a whole-step figure (defaults.ts): on one large GEMM
 * it under-states what the tensor cores reach (PUBLISHED.md K2 ≈ 0.8 of peak).
 *
 * @example Llama-2-70B gate+up at TP4, 1 token, A100-80GB, BF16, default efficiency:
 *   bytes ≈ 8192 × 14336 × 2 = 234.9 MB → 234.9e6 / (2.039e12 × 0.8) = 0.144 ms
 * @throws RangeError when a dimension is not a positive integer, a byte width is not positive, or the GPU lacks the format.
 */
export function gemmTime(gpu: GpuSpec, shape: GemmShape, efficiency: EfficiencyCoefficients): GemmTime {
  requirePositiveInteger(shape.m, 'shape.m');
  requirePositiveInteger(shape.n, 'shape.n');
  requirePositiveInteger(shape.k, 'shape.k');
  requirePositiveFinite(shape.weightBytesPerParam, 'shape.weightBytesPerParam');
  requirePositiveFinite(shape.activationBytesPerElement, 'shape.activationBytesPerElement');
  const peak = gpu.peakOpsPerSecond[shape.computeFormat];
  if (peak == null) {
    throw new RangeError(`shape.computeFormat: ${gpu.id} has no ${shape.computeFormat} tensor cores`);
  }
  const { m, n, k } = shape;
  const flops = 2 * m * n * k;
  const bytesMoved = n * k * shape.weightBytesPerParam + (m * k + m * n) * shape.activationBytesPerElement;
  const computeSeconds = flops / (peak * computeEfficiencyFor(efficiency, shape.computeFormat));
  const memorySeconds = bytesMoved / (gpu.hbmBytesPerSecond * efficiency.memoryEfficiencyFraction);
  return {
    seconds: Math.max(computeSeconds, memorySeconds),
    computeSeconds,
    memorySeconds,
    flops,
    bytesMoved,
    bound: computeSeconds >= memorySeconds ? 'compute' : 'bandwidth',
  };
}
