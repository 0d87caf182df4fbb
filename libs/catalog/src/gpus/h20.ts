import type { GpuSpec } from '../types.js';
import { CNY_PER_USD, PRICE_BASIS_CNY } from './pricing-basis.js';

const DATASHEET = 'NVIDIA H20 product brief (China-market Hopper, 2024) as tabulated by alibaba/InferSim and ai-dynamo/aiconfigurator system files';
const priceCnyPerGpuHour = 8;

export const H20: GpuSpec = {
  id: 'h20',
  name: 'NVIDIA H20 96GB',
  hbmBytes: 96e9,
  hbmBytesPerSecond: 4.0e12,
  peakOpsPerSecond: { bf16: 148e12, fp8: 296e12, int8: 296e12, fp4: null },
  interconnectBytesPerSecond: 450e9,
  interconnectKind: 'nvlink',
  networkBytesPerSecond: 50e9,
  gpusPerNode: 8,
  boardPowerWatts: 400,
  priceCnyPerGpuHour,
  priceUsdPerGpuHour: priceCnyPerGpuHour / CNY_PER_USD,
  sources: {
    hbmBytes: `${DATASHEET}: 96GB HBM3`,
    hbmBytesPerSecond: `${DATASHEET}: 4.0 TB/s`,
    peakOpsPerSecond: `${DATASHEET}: dense BF16 148 TFLOPS, FP8 296 TFLOPS, INT8 296 TOPS (dense figures; sparse are double). No FP4.`,
    interconnectBytesPerSecond: `${DATASHEET}: NVLink 900 GB/s bidirectional → 450 GB/s one way`,
    networkBytesPerSecond: 'Assumed typical HGX H20 build: one 400 Gb/s NIC per GPU → 50 GB/s',
    gpusPerNode: 'HGX H20: 8 GPUs per baseboard',
    boardPowerWatts: `${DATASHEET}: TDP 400 W`,
    priceCnyPerGpuHour: `${PRICE_BASIS_CNY} H20 ≈ CNY 6-10 per card-hour; 8 taken.`,
    priceUsdPerGpuHour: 'priceCnyPerGpuHour ÷ 7.2',
  },
};
