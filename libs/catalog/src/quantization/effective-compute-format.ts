import type { ComputeFormat, GpuSpec, WeightFormat } from '../types.js';

/**
 * The format the matmuls of `format` actually run in on `gpu`: its computeFormat where the GPU has
 * tensor cores for it, otherwise its fallback (weights dequantized, e.g. FP8 on A100 → BF16).
 *
 * @throws RangeError when the GPU supports neither format (no catalogued GPU lacks BF16).
 * @example effectiveComputeFormat(WEIGHT_FORMATS.fp8, GPU_CATALOG['a100-80gb']) // 'bf16'
 */
export function effectiveComputeFormat(format: WeightFormat, gpu: GpuSpec): ComputeFormat {
  if (gpu.peakOpsPerSecond[format.computeFormat] != null) return format.computeFormat;
  if (gpu.peakOpsPerSecond[format.fallbackComputeFormat] != null) return format.fallbackComputeFormat;
  throw new RangeError(
    `gpu.peakOpsPerSecond: ${gpu.id} supports neither ${format.computeFormat} nor fallback ${format.fallbackComputeFormat} for weight format ${format.id}`,
  );
}
