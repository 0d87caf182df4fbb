import type { GpuSpec } from '../types.js';
import { CNY_PER_USD, PRICE_BASIS_CNY } from './pricing-basis.js';

const DATASHEET = 'NVIDIA H800 Tensor Core GPU datasheet (China-market variant of H100, 2023), H800 SXM5 column';
const priceCnyPerGpuHour = 15;

export const H800: GpuSpec = {
  id: 'h800',
  name: 'NVIDIA H800 80GB SXM',
  hbmBytes: 80e9,
  hbmBytesPerSecond: 3.35e12,
  peakOpsPerSecond: { bf16: 989e12, fp8: 1979e12, int8: 1979e12, fp4: null },
  interconnectBytesPerSecond: 200e9,
  interconnectKind: 'nvlink',
  networkBytesPerSecond: 50e9,
  gpusPerNode: 8,
  boardPowerWatts: 700,
  priceCnyPerGpuHour,
  priceUsdPerGpuHour: priceCnyPerGpuHour / CNY_PER_USD,
  sources: {
    hbmBytes: `${DATASHEET}: 80GB HBM3 (same memory system as H100 SXM)`,
    hbmBytesPerSecond: `${DATASHEET}: 3.35 TB/s (PUBLISHED.md: ≈ 3,350 GB/s)`,
    peakOpsPerSecond: `${DATASHEET}: BF16 1,979 TFLOPS, FP8 3,958 TFLOPS, INT8 3,958 TOPS with sparsity → dense = half; tensor-core rates equal H100 SXM (only FP64 and NVLink are cut). No FP4.`,
    interconnectBytesPerSecond: `${DATASHEET}: NVLink 400 GB/s bidirectional → 200 GB/s one way`,
    networkBytesPerSecond: 'DeepSeek-V3 technical report (arXiv:2412.19437) §3.2: cross-node InfiniBand at 50 GB/s per GPU (400 Gb/s NIC per GPU); the same section measures NVLink at ≈160 GB/s achievable, vs the 200 GB/s nominal kept here',
    gpusPerNode: 'HGX H800: 8 GPUs per node connected by NVLink/NVSwitch (DeepSeek-V3 report §3.1)',
    boardPowerWatts: `${DATASHEET}: max TDP up to 700 W, as H100 SXM`,
    priceCnyPerGpuHour: `${PRICE_BASIS_CNY} H800 ≈ CNY 12-20 per card-hour; 15 taken.`,
    priceUsdPerGpuHour: 'priceCnyPerGpuHour ÷ 7.2',
  },
};
