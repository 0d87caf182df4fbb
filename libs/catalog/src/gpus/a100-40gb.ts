import type { GpuSpec } from '../types.js';
import { CNY_PER_USD, PRICE_BASIS_USD } from './pricing-basis.js';

const DATASHEET = 'NVIDIA A100 Tensor Core GPU datasheet (nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf), A100 40GB SXM column';
const priceUsdPerGpuHour = 1.3;

export const A100_40GB: GpuSpec = {
  id: 'a100-40gb',
  name: 'NVIDIA A100 40GB SXM',
  hbmBytes: 40e9,
  hbmBytesPerSecond: 1555e9,
  peakOpsPerSecond: { bf16: 312e12, fp8: null, int8: 624e12, fp4: null },
  interconnectBytesPerSecond: 300e9,
  interconnectKind: 'nvlink',
  networkBytesPerSecond: 25e9,
  gpusPerNode: 8,
  boardPowerWatts: 400,
  priceUsdPerGpuHour,
  priceCnyPerGpuHour: priceUsdPerGpuHour * CNY_PER_USD,
  sources: {
    hbmBytes: `${DATASHEET}: 40GB HBM2`,
    hbmBytesPerSecond: `${DATASHEET}: 1,555 GB/s`,
    peakOpsPerSecond: `${DATASHEET}: BF16 Tensor Core 312 TFLOPS, INT8 624 TOPS (dense; the 624/1,248 figures are with sparsity). Ampere has no FP8 or FP4 tensor cores.`,
    interconnectBytesPerSecond: `${DATASHEET}: NVLink 600 GB/s bidirectional → 300 GB/s one way`,
    networkBytesPerSecond: 'NVIDIA DGX A100 user guide: 8 × ConnectX-6 200 Gb/s HDR InfiniBand, one per GPU → 25 GB/s',
    gpusPerNode: 'HGX / DGX A100: 8 GPUs per baseboard',
    boardPowerWatts: `${DATASHEET}: max TDP 400 W (SXM)`,
    priceUsdPerGpuHour: `${PRICE_BASIS_USD} A100 40GB ≈ 1.1-1.5 USD/h; 1.3 taken.`,
    priceCnyPerGpuHour: 'priceUsdPerGpuHour × 7.2',
  },
};
