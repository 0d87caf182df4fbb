import type { GpuSpec } from '../types.js';
import { CNY_PER_USD, PRICE_BASIS_USD } from './pricing-basis.js';

const DATASHEET = 'NVIDIA H200 Tensor Core GPU datasheet (nvidia.com/en-us/data-center/h200/), H200 SXM column';
const priceUsdPerGpuHour = 3.5;

export const H200: GpuSpec = {
  id: 'h200',
  name: 'NVIDIA H200 141GB SXM',
  hbmBytes: 141e9,
  hbmBytesPerSecond: 4.8e12,
  peakOpsPerSecond: { bf16: 989e12, fp8: 1979e12, int8: 1979e12, fp4: null },
  interconnectBytesPerSecond: 450e9,
  interconnectKind: 'nvlink',
  networkBytesPerSecond: 50e9,
  gpusPerNode: 8,
  boardPowerWatts: 700,
  priceUsdPerGpuHour,
  priceCnyPerGpuHour: priceUsdPerGpuHour * CNY_PER_USD,
  sources: {
    hbmBytes: `${DATASHEET}: 141GB HBM3e`,
    hbmBytesPerSecond: `${DATASHEET}: 4.8 TB/s`,
    peakOpsPerSecond: `${DATASHEET}: BF16 1,979 TFLOPS, FP8 3,958 TFLOPS, INT8 3,958 TOPS with sparsity → dense = half; same GH100 compute as H100 SXM. PUBLISHED.md's "—" for INT8 is a simplification; the datasheet lists INT8. No FP4.`,
    interconnectBytesPerSecond: `${DATASHEET}: NVLink 900 GB/s bidirectional → 450 GB/s one way`,
    networkBytesPerSecond: 'NVIDIA DGX H200 / HGX H200 reference: 8 × ConnectX-7 400 Gb/s, one per GPU → 50 GB/s',
    gpusPerNode: 'HGX H200: 8 GPUs per baseboard',
    boardPowerWatts: `${DATASHEET}: max TDP up to 700 W (configurable)`,
    priceUsdPerGpuHour: `${PRICE_BASIS_USD} H200 ≈ 3-4.5 USD/h; 3.5 taken.`,
    priceCnyPerGpuHour: 'priceUsdPerGpuHour × 7.2',
  },
};
