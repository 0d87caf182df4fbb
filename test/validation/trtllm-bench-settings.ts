import { countParameters, type GpuSpec, type ModelSpec, type WeightFormatId, type KvCacheFormatId } from '../../libs/catalog/src/index.js';

/**
 * The engine settings trtllm-bench picks for itself when, as in the perf-overview runs (V3–V5), no
 * max_batch_size or max_num_tokens is given: tensorrt_llm/bench/build/tuning.py
 * (calc_engine_setting + finetune_setting), restated here step by step.
 *
 *   GiB per token   = 2 × layers × max(TP, KV heads) × head dim × KV bytes / 2^30
 *   engine GiB      = parameters × weight bytes (NVFP4 0.5, FP8 1, otherwise 2) / 2^30
 *   cache GiB       = (device GiB × GPUs − engine GiB) × 0.95
 *   requests        = cache GiB / (GiB per token × (ISL + OSL))
 *   raw batch       = min(requests, 4 096);  raw tokens = min(raw batch × (1 + ISL / OSL), 32 768)
 *   max_batch_size  = max(64, 32⌈raw/32⌉) below 256, 128⌈raw/128⌉ below 1 024, else 256⌈raw/256⌉
 *   max_num_tokens  = max(2 048, 256⌈raw/256⌉) below 4 096, 512⌈raw/512⌉ below 8 192, else 1 024⌈raw/1 024⌉
 *
 * Device memory is the catalog HBM in GiB (torch reports the device total). The runtime KV cache
 * is still capsim's (usable fraction of HBM after weights), so the batch the replica reaches is the
 * smaller of max_batch_size and what that cache holds; max_num_tokens is the per-step token budget,
 * used as capsim's prefill chunk (it also counts the decode tokens of the step in TensorRT-LLM;
 * capsim's max-load model runs prefill chunks as steps of their own).
 */
export interface TrtllmBenchSettings {
  readonly maxBatchSize: number;
  readonly maxNumTokens: number;
}

const BYTES_PER_ELEMENT: Partial<Record<WeightFormatId | KvCacheFormatId, number>> = { fp4: 0.5, fp8: 1 };
const GIB = 2 ** 30;

export function trtllmBenchSettings(
  model: ModelSpec,
  gpu: GpuSpec,
  tensorParallelSize: number,
  weightFormat: WeightFormatId,
  kvCacheFormat: KvCacheFormatId,
  inputTokens: number,
  outputTokens: number,
): TrtllmBenchSettings {
  const attention = model.attention;
  if (attention.kind !== 'gqa') throw new RangeError('trtllmBenchSettings: the TensorRT-LLM cases are GQA models');
  const kvHeads = Math.max(tensorParallelSize, attention.numKvHeads);
  const gibPerToken = (2 * model.numLayers * kvHeads * attention.headDim * (BYTES_PER_ELEMENT[kvCacheFormat] ?? 2)) / GIB;
  const engineGib = (countParameters(model).totalParams * (BYTES_PER_ELEMENT[weightFormat] ?? 2)) / GIB;
  const cacheGib = ((gpu.hbmBytes / GIB) * tensorParallelSize - engineGib) * 0.95;
  const requests = cacheGib / (gibPerToken * (inputTokens + outputTokens));
  const rawBatch = Math.min(requests, 4096);
  const rawTokens = Math.min(rawBatch * (1 + inputTokens / outputTokens), 32768);
  const maxBatchSize =
    rawBatch < 256 ? Math.max(64, 32 * Math.ceil(rawBatch / 32)) : rawBatch < 1024 ? 128 * Math.ceil(rawBatch / 128) : 256 * Math.ceil(rawBatch / 256);
  const maxNumTokens =
    rawTokens < 4096 ? Math.max(2048, 256 * Math.ceil(rawTokens / 256)) : rawTokens < 8192 ? 512 * Math.ceil(rawTokens / 512) : 1024 * Math.ceil(rawTokens / 1024);
  return { maxBatchSize, maxNumTokens };
}
