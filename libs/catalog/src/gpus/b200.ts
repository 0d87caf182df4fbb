import type { GpuSpec } from '../types.js';
import { CNY_PER_USD, PRICE_BASIS_USD } from './pricing-basis.js';

const DATASHEET = 'NVIDIA HGX B200 specifications (nvidia.com/en-us/data-center/hgx/) and DGX B200 datasheet, per-GPU figures = 8-GPU totals ÷ 8';
const priceUsdPerGpuHour = 5.0;

export const B200: GpuSpec = {
  id: 'b200',
  name: 'NVIDIA B200 180GB (HGX)',
  hbmBytes: 180e9,
  hbmBytesPerSecond: 8.0e12,
  peakOpsPerSecond: { bf16: 2.25e15, fp8: 4.5e15, int8: 4.5e15, fp4: 9e15 },
  interconnectBytesPerSecond: 900e9,
  interconnectKind: 'nvlink',
  networkBytesPerSecond: 50e9,
  gpusPerNode: 8,
  boardPowerWatts: 1000,
  priceUsdPerGpuHour,
  priceCnyPerGpuHour: priceUsdPerGpuHour * CNY_PER_USD,
  sources: {
    hbmBytes: `${DATASHEET}: 1,440 GB HBM3e per 8 GPUs → 180 GB (the 192 GB of early 2024 announcements is the raw stack capacity; shipping HGX/DGX B200 datasheets state 1.44 TB; nvidia-smi shows ≈179 GB)`,
    hbmBytesPerSecond: `${DATASHEET}: 64 TB/s per 8 GPUs → 8 TB/s`,
    peakOpsPerSecond: `${DATASHEET}: per 8 GPUs with sparsity FP4 144 PFLOPS, FP8 72 PFLOPS, INT8 72 POPS, BF16 36 PFLOPS → per GPU dense = ÷ 8 ÷ 2: FP4 9, FP8 4.5, INT8 4.5, BF16 2.25 PFLOPS (1,000 W HGX configuration)`,
    interconnectBytesPerSecond: `${DATASHEET}: fifth-generation NVLink 1.8 TB/s bidirectional per GPU → 900 GB/s one way`,
    networkBytesPerSecond: 'NVIDIA DGX B200 datasheet: 8 × single-port ConnectX-7 400 Gb/s, one per GPU → 50 GB/s',
    gpusPerNode: 'HGX / DGX B200: 8 GPUs per baseboard',
    boardPowerWatts: `${DATASHEET}: 1,000 W per GPU in HGX B200`,
    priceUsdPerGpuHour: `${PRICE_BASIS_USD} B200 ≈ 4-6 USD/h (e.g. Lambda ≈5); 5.0 taken.`,
    priceCnyPerGpuHour: 'priceUsdPerGpuHour × 7.2',
  },
};
