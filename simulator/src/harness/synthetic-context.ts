/**
 * Fills a KV cache with `length` tokens of seeded values, so a decode step at context C can be timed
 * without first prefilling B × C tokens (minutes at batch 256). Attention does the same work on
 * these values as on real ones; only the logits are meaningless, which the timing does not need.
 */
import type { RandomSource } from '../../../libs/cost/src/random/seeded-random.js';
import type { SequenceKvCache } from '../model/kv-cache.js';

export function fillSyntheticContext(cache: SequenceKvCache, length: number, random: RandomSource): void {
  if (length > cache.capacityTokens) throw new RangeError(`context: ${length} tokens exceed the cache capacity of ${cache.capacityTokens}`);
  const { kvHeads, headDim, format } = cache.layout;
  const elements = length * kvHeads * headDim;
  for (let l = 0; l < cache.layout.layers; l++) {
    for (const target of [cache.keys[l]!, cache.values[l]!]) {
      if (format === 'int8') for (let i = 0; i < elements; i++) target[i] = ((random() * 255) | 0) - 127;
      else for (let i = 0; i < elements; i++) target[i] = (random() - 0.5) * 2;
    }
    if (format === 'int8') {
      cache.keyScales[l]!.fill(1 / 127, 0, length * kvHeads);
      cache.valueScales[l]!.fill(1 / 127, 0, length * kvHeads);
    }
  }
  cache.length = length;
}
