import { EXPERT_LOAD_IMBALANCE } from '../../libs/capacity/src/index.js';

// The fitted coefficients live in libs/capacity (efficiency/published-fit.ts) so the API can offer
// them to scenarios; the suite reads the same objects.
export { EFFICIENCY_BY_FAMILY, GPU_FAMILY, PER_KERNEL_ROOFLINE, type GpuFamily } from '../../libs/capacity/src/index.js';

/** Serving-engine settings applied identically to every case (not coefficients of the physics). */
export const ENGINE_DEFAULTS = Object.freeze({
  /** The one scheduler cap for "max load" (TensorRT-LLM's default max_batch_size). */
  maxBatchSequences: 2048,
  /** KV cache may use 0.9 of HBM (TensorRT-LLM free_gpu_memory_fraction and vLLM gpu_memory_utilization default). */
  usableHbmFraction: 0.9,
  reservedBytesPerGpu: 0,
});

export { EXPERT_LOAD_IMBALANCE };
