import type { ModelSpec } from '../../../catalog/src/index.js';
import { requirePositiveInteger } from '../validation/require.js';

/**
 * How many copies of each token's KV the GPUs of one tensor-parallel replica hold, relative to
 * kvBytesPerToken. Multiplies both the cache footprint and the KV bytes read per decode step.
 *
 * - MLA: the latent is one "head" shared by all query heads, so every TP rank keeps the whole
 *   latent cache: factor = TP. (vLLM and SGLang MLA backends replicate the latent across TP ranks;
 *   only data-parallel attention, which DeploymentSpec does not model, avoids it.)
 * - GQA: each rank holds ceil(kvHeads / TP) KV heads; when TP > kvHeads, vLLM replicates KV
 *   heads so that each rank holds one (QKVParallelLinear, num_kv_head_replicas = TP / kvHeads).
 *   factor = TP × ceil(kvHeads / TP) / kvHeads, which is 1 whenever TP divides kvHeads.
 *
 * @example kvReplicationFactor(DeepSeek-V3, 8) // 8
 * @example kvReplicationFactor(Qwen3-30B-A3B (4 KV heads), 8) // 2
 */
export function kvReplicationFactor(model: ModelSpec, tensorParallelSize: number): number {
  requirePositiveInteger(tensorParallelSize, 'tensorParallelSize');
  const attention = model.attention;
  if (attention.kind === 'mla') return tensorParallelSize;
  const kvHeads = attention.numKvHeads;
  requirePositiveInteger(kvHeads, 'model.attention.numKvHeads');
  return (tensorParallelSize * Math.ceil(kvHeads / tensorParallelSize)) / kvHeads;
}
