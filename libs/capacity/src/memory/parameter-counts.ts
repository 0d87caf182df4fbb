import type { ModelSpec, ParameterCounts } from '../../../catalog/src/index.js';
import { countParameters } from '../../../catalog/src/index.js';

const cache = new WeakMap<ModelSpec, ParameterCounts>();

/**
 * countParameters, remembered for frozen models (every catalog model is deep-frozen): a frozen
 * object cannot change, so its counts cannot go stale. Unfrozen models are counted every call.
 * replicaThroughput runs ~100 000 times a second in the what-if benchmark; counting is a third
 * of preparing a deployment.
 */
export function parameterCounts(model: ModelSpec): ParameterCounts {
  const frozen = Object.isFrozen(model) && Object.isFrozen(model.attention) && Object.isFrozen(model.moe);
  if (!frozen) return countParameters(model);
  let counts = cache.get(model);
  if (counts === undefined) {
    counts = Object.freeze(countParameters(model));
    cache.set(model, counts);
  }
  return counts;
}
