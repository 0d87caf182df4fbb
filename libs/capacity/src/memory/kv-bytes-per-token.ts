import type { KvCacheFormat, ModelSpec } from '../../../catalog/src/index.js';
import { requirePositiveFinite, requirePositiveInteger } from '../validation/require.js';

/**
 * Bytes of KV cache one token occupies in one copy of the cache, over all layers.
 *
 * - GQA / MHA: L × 2 (K and V) × kvHeads × headDim × bytesPerElement.
 * - MLA: L × (kvLoraRank + qkRopeHeadDim) × bytesPerElement — only the compressed latent and the
 *   shared rope key are cached (DeepSeek-V2 paper §2.1; vLLM / SGLang MLA backends).
 *
 * Replication across tensor-parallel ranks is not included here; see kvReplicationFactor.
 *
 * @example kvBytesPerToken(DeepSeek-V3, BF16) // 61 × 576 × 2 = 70 272 (68.6 KiB)
 * @example kvBytesPerToken(Mixtral-8x7B, BF16) // 32 × 2 × 8 × 128 × 2 = 131 072 (128 KiB)
 * @throws RangeError when a size of the model or the format is not positive.
 */
export function kvBytesPerToken(model: ModelSpec, kvCacheFormat: KvCacheFormat): number {
  requirePositiveInteger(model.numLayers, 'model.numLayers');
  requirePositiveFinite(kvCacheFormat.bytesPerElement, 'kvCacheFormat.bytesPerElement');
  return model.numLayers * kvElementsPerTokenPerLayer(model) * kvCacheFormat.bytesPerElement;
}

function kvElementsPerTokenPerLayer(model: ModelSpec): number {
  const attention = model.attention;
  if (attention.kind === 'gqa') {
    requirePositiveInteger(attention.numKvHeads, 'model.attention.numKvHeads');
    requirePositiveInteger(attention.headDim, 'model.attention.headDim');
    return 2 * attention.numKvHeads * attention.headDim;
  }
  if (attention.kind === 'mla') {
    requirePositiveInteger(attention.kvLoraRank, 'model.attention.kvLoraRank');
    requirePositiveInteger(attention.qkRopeHeadDim, 'model.attention.qkRopeHeadDim');
    return attention.kvLoraRank + attention.qkRopeHeadDim;
  }
  throw new RangeError(`model.attention.kind: must be 'gqa' or 'mla', got ${String((attention as { kind: unknown }).kind)}`);
}
