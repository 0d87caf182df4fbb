import type { GpuSpec, ModelSpec, WeightFormat } from '../../../catalog/src/index.js';
import { validateGpu } from '../deployment/validate-deployment.js';
import { requireNonNegativeFinite, requireOpenClosedFraction } from '../validation/require.js';
import { weightBytesByComponent } from './weight-bytes.js';

/**
 * Smallest integer N with weights ≤ N × (hbm × usableHbmFraction − reservedBytesPerGpu): the
 * fewest GPUs that hold one copy of the weights, before any room for KV cache.
 *
 * @example Mixtral-8x7B BF16 (93.4 GB) on A100-80GB at 0.9 usable, 2 GB reserved → 2
 * @throws RangeError when a GPU has no usable memory left after the reserve, or an input is out of range.
 */
export function minimumGpusForWeights(
  model: ModelSpec,
  weightFormat: WeightFormat,
  expertWeightFormat: WeightFormat,
  gpu: GpuSpec,
  usableHbmFraction: number,
  reservedBytesPerGpu: number,
): number {
  validateGpu(gpu);
  requireOpenClosedFraction(usableHbmFraction, 'usableHbmFraction');
  requireNonNegativeFinite(reservedBytesPerGpu, 'reservedBytesPerGpu');
  const usableBytesPerGpu = gpu.hbmBytes * usableHbmFraction - reservedBytesPerGpu;
  if (usableBytesPerGpu <= 0) {
    throw new RangeError(
      `reservedBytesPerGpu: leaves no usable memory on ${gpu.id} (hbm × usableHbmFraction = ${gpu.hbmBytes * usableHbmFraction}, reserved ${reservedBytesPerGpu})`,
    );
  }
  const weightBytes = weightBytesByComponent(model, weightFormat, expertWeightFormat).totalBytes;
  return Math.max(1, Math.ceil(weightBytes / usableBytesPerGpu));
}
