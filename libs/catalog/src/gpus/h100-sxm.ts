import type { GpuSpec } from '../types.js';
import { CNY_PER_USD, PRICE_BASIS_USD } from './pricing-basis.js';

const DATASHEET = 'NVIDIA H100 Tensor Core GPU datasheet (resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet), H100 SXM column';
const priceUsdPerGpuHour = 2.5;

export const H100_SXM: GpuSpec = {
  id: 'h100-sxm',
  name: 'NVIDIA H100 80GB SXM',
  hbmBytes: 80e9,
  hbmBytesPerSecond: 3.35e12,
  peakOpsPerSecond: { bf16: 989e12, fp8: 1979e12, int8: 1979e12, fp4: null },
  interconnectBytesPerSecond: 450e9,
  interconnectKind: 'nvlink',
  networkBytesPerSecond: 50e9,
  gpusPerNode: 8,
  boardPowerWatts: 700,
  priceUsdPerGpuHour,
  priceCnyPerGpuHour: priceUsdPerGpuHour * CNY_PER_USD,
  sources: {
    hbmBytes: `${DATASHEET}: 80GB HBM3`,
    hbmBytesPerSecond: `${DATASHEET}: 3.35 TB/s`,
    peakOpsPerSecond: `${DATASHEET}: BF16 1,979 TFLOPS, FP8 3,958 TFLOPS, INT8 3,958 TOPS, all "with sparsity" → dense = half (989 / 1,979 / 1,979). PUBLISHED.md shows "—" for Hopper INT8 as a simplification; the datasheet lists INT8 tensor-core support, so it is kept. Hopper has no FP4 tensor cores.`,
    interconnectBytesPerSecond: `${DATASHEET}: NVLink 900 GB/s bidirectional → 450 GB/s one way`,
    networkBytesPerSecond: 'NVIDIA DGX H100 user guide: 8 × ConnectX-7 400 Gb/s (NDR) compute NICs, one per GPU → 50 GB/s',
    gpusPerNode: 'HGX / DGX H100: 8 GPUs per baseboard',
    boardPowerWatts: `${DATASHEET}: max TDP up to 700 W (configurable)`,
    priceUsdPerGpuHour: `${PRICE_BASIS_USD} H100 SXM ≈ 1.9-3.5 USD/h (e.g. Hyperstack 1.90, RunPod ≈2.7, Lambda ≈3.0); 2.5 taken.`,
    priceCnyPerGpuHour: 'priceUsdPerGpuHour × 7.2',
  },
};
