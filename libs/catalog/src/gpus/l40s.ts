import type { GpuSpec } from '../types.js';
import { CNY_PER_USD, PRICE_BASIS_USD } from './pricing-basis.js';

const DATASHEET = 'NVIDIA L40S datasheet (nvidia.com/en-us/data-center/l40s/, "NVIDIA L40S: Unparalleled AI and graphics performance for the data center")';
const priceUsdPerGpuHour = 0.9;

export const L40S: GpuSpec = {
  id: 'l40s',
  name: 'NVIDIA L40S 48GB (PCIe)',
  hbmBytes: 48e9,
  hbmBytesPerSecond: 864e9,
  peakOpsPerSecond: { bf16: 362e12, fp8: 733e12, int8: 733e12, fp4: null },
  interconnectBytesPerSecond: 32e9,
  interconnectKind: 'pcie',
  networkBytesPerSecond: 25e9,
  gpusPerNode: 8,
  boardPowerWatts: 350,
  priceUsdPerGpuHour,
  priceCnyPerGpuHour: priceUsdPerGpuHour * CNY_PER_USD,
  sources: {
    hbmBytes: `${DATASHEET}: 48GB GDDR6 with ECC (GDDR6, not HBM; the field holds device memory)`,
    hbmBytesPerSecond: `${DATASHEET}: 864 GB/s`,
    peakOpsPerSecond: `${DATASHEET}: BF16 362.05 TFLOPS (733 with sparsity), FP8 733 TFLOPS (1,466 with sparsity), INT8 733 TOPS (1,466 with sparsity). Ada has FP8 but no FP4 tensor cores.`,
    interconnectBytesPerSecond: `${DATASHEET}: PCIe Gen4 x16, 64 GB/s bidirectional → 32 GB/s one way; no NVLink`,
    networkBytesPerSecond: 'Assumption: PCIe L40S servers typically carry 100-400 Gb/s of NICs shared by the GPUs; 200 Gb/s per GPU (25 GB/s) taken as an upper-typical figure',
    gpusPerNode: 'Typical 8-GPU PCIe server (e.g. OVX / 4U 8-GPU builds)',
    boardPowerWatts: `${DATASHEET}: max power 350 W`,
    priceUsdPerGpuHour: `${PRICE_BASIS_USD} L40S ≈ 0.8-1.2 USD/h; 0.9 taken.`,
    priceCnyPerGpuHour: 'priceUsdPerGpuHour × 7.2',
  },
};
