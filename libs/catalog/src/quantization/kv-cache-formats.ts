import type { KvCacheFormat, KvCacheFormatId } from '../types.js';
import { deepFreeze } from '../deep-freeze.js';

/** Head dimension the INT8 per-head scale is amortized over (128 for every catalogued GQA model). */
const INT8_SCALE_GROUP_ELEMENTS = 128;

export const KV_CACHE_FORMATS: Readonly<Record<KvCacheFormatId, KvCacheFormat>> = deepFreeze({
  bf16: {
    id: 'bf16',
    name: 'BF16 KV cache',
    bytesPerElement: 2,
    description: 'Keys and values stored in bfloat16 (the serving-engine default).',
    source: 'vLLM / SGLang default kv_cache_dtype "auto" = model dtype (bf16).',
  },
  fp8: {
    id: 'fp8',
    name: 'FP8 E4M3 KV cache',
    bytesPerElement: 1,
    description: 'Keys and values in FP8 E4M3 with one per-tensor scale per layer (negligible storage).',
    source: 'vLLM docs "Quantized KV Cache" (kv_cache_dtype fp8 / fp8_e4m3, per-tensor scales).',
  },
  int8: {
    id: 'int8',
    name: 'INT8 KV cache, per-token-per-head scale',
    // One fp16 scale per token per head over headDim = 128 elements.
    bytesPerElement: 1 + 2 / INT8_SCALE_GROUP_ELEMENTS,
    description:
      'Keys and values in INT8 with one fp16 scale per token per head. Assumes head dim 128; for an MLA latent (576 wide) the overhead would be smaller.',
    source:
      'TensorRT-LLM docs "INT8/FP8 KV cache"; LMDeploy docs "INT4/INT8 KV cache" (per-head per-token asymmetric quantization).',
  },
} satisfies Record<KvCacheFormatId, KvCacheFormat>);

/** The KV-cache format with this id, or undefined. */
export function findKvCacheFormat(id: string): KvCacheFormat | undefined {
  if (typeof id !== 'string') throw new RangeError(`id: must be a string, got ${typeof id}`);
  return Object.hasOwn(KV_CACHE_FORMATS, id) ? KV_CACHE_FORMATS[id as KvCacheFormatId] : undefined;
}
