import type { GpuSpec } from '../types.js';
import { CNY_PER_USD, PRICE_BASIS_USD } from './pricing-basis.js';

const DATASHEET = 'NVIDIA A100 Tensor Core GPU datasheet (nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf), A100 80GB SXM column';
const priceUsdPerGpuHour = 1.8;

export const A100_80GB: GpuSpec = {
  id: 'a100-80gb',
  name: 'NVIDIA A100 80GB SXM',
  hbmBytes: 80e9,
  hbmBytesPerSecond: 2039e9,
  peakOpsPerSecond: { bf16: 312e12, fp8: null, int8: 624e12, fp4: null },
  interconnectBytesPerSecond: 300e9,
  interconnectKind: 'nvlink',
  networkBytesPerSecond: 25e9,
  gpusPerNode: 8,
  boardPowerWatts: 400,
  priceUsdPerGpuHour,
  priceCnyPerGpuHour: priceUsdPerGpuHour * CNY_PER_USD,
  sources: {
    hbmBytes: `${DATASHEET}: 80GB HBM2e`,
    hbmBytesPerSecond: `${DATASHEET}: 2,039 GB/s`,
    peakOpsPerSecond: `${DATASHEET}: BF16 Tensor Core 312 TFLOPS, INT8 624 TOPS (dense; doubled figures are with sparsity). Ampere has no FP8 or FP4 tensor cores.`,
    interconnectBytesPerSecond: `${DATASHEET}: NVLink 600 GB/s bidirectional → 300 GB/s one way`,
    networkBytesPerSecond: 'NVIDIA DGX A100 user guide: 8 × ConnectX-6 200 Gb/s HDR InfiniBand, one per GPU → 25 GB/s',
    gpusPerNode: 'HGX / DGX A100: 8 GPUs per baseboard',
    boardPowerWatts: `${DATASHEET}: max TDP 400 W (SXM)`,
    priceUsdPerGpuHour: `${PRICE_BASIS_USD} A100 80GB SXM ≈ 1.5-2.5 USD/h; 1.8 taken.`,
    priceCnyPerGpuHour: 'priceUsdPerGpuHour × 7.2',
  },
};
