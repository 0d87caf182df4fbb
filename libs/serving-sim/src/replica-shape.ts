import type { PreparedDeployment } from '../../capacity/src/index.js';
import type { ReplicaShape } from './types.js';

/** vLLM's default paged-attention block. */
export const DEFAULT_KV_BLOCK_TOKENS = 16;

/**
 * A replica's scheduler limits from a prepared deployment: batch cap, step token budget = the
 * chunked-prefill size, KV blocks = KV capacity tokens / block size (rounded down), and the cold
 * start = weight bytes / storage read bandwidth (weights loaded once per replica, in parallel
 * across its GPUs only if the storage allows; the bandwidth given is the replica's).
 *
 * @throws RangeError when storageBytesPerSecond is not positive or kvBlockTokens not a positive integer.
 */
export function replicaShapeOf(
  prepared: PreparedDeployment,
  storageBytesPerSecond: number,
  kvBlockTokens = DEFAULT_KV_BLOCK_TOKENS,
): ReplicaShape {
  if (!Number.isFinite(storageBytesPerSecond) || storageBytesPerSecond <= 0) {
    throw new RangeError(`storageBytesPerSecond: must be a finite number > 0, got ${String(storageBytesPerSecond)}`);
  }
  if (!Number.isSafeInteger(kvBlockTokens) || kvBlockTokens < 1) throw new RangeError(`kvBlockTokens: must be a positive integer, got ${String(kvBlockTokens)}`);
  return {
    maxBatchSequences: prepared.deployment.maxBatchSequences,
    stepTokenBudget: prepared.deployment.prefillChunkTokens,
    kvBlockTokens,
    kvCapacityBlocks: Math.max(1, Math.floor(prepared.memory.kvCapacityTokens / kvBlockTokens)),
    coldStartSeconds: prepared.memory.weights.totalBytes / storageBytesPerSecond,
  };
}
