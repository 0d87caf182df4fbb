import type { GpuId } from '../../libs/catalog/src/index.js';
import { DEFAULT_EFFICIENCY, EXPERT_LOAD_IMBALANCE, type EfficiencyCoefficients } from '../../libs/capacity/src/index.js';

export type GpuFamily = 'ampere' | 'hopper' | 'blackwell';

export const GPU_FAMILY: Readonly<Record<GpuId, GpuFamily>> = {
  'a100-40gb': 'ampere',
  'a100-80gb': 'ampere',
  'h100-sxm': 'hopper',
  h800: 'hopper',
  h20: 'hopper',
  h200: 'hopper',
  l40s: 'ampere', // Ada; no case uses it
  b200: 'blackwell',
};

/**
 * ONE set of coefficients per GPU family, the same for every case of that family. Today every
 * family uses capsim's uncalibrated DEFAULT_EFFICIENCY (libs/capacity efficiency/defaults.ts, from
 * PUBLISHED.md K1–K3); nothing here was fitted to the cases it is checked on.
 */
export const EFFICIENCY_BY_FAMILY: Readonly<Record<GpuFamily, EfficiencyCoefficients>> = {
  ampere: DEFAULT_EFFICIENCY,
  hopper: DEFAULT_EFFICIENCY,
  blackwell: DEFAULT_EFFICIENCY,
};

/** Serving-engine settings applied identically to every case (not coefficients of the physics). */
export const ENGINE_DEFAULTS = Object.freeze({
  /** The one scheduler cap for "max load" (TensorRT-LLM's default max_batch_size). */
  maxBatchSequences: 2048,
  /** KV cache may use 0.9 of HBM (TensorRT-LLM free_gpu_memory_fraction and vLLM gpu_memory_utilization default). */
  usableHbmFraction: 0.9,
  reservedBytesPerGpu: 0,
});

export { EXPERT_LOAD_IMBALANCE };
