import { requireNonNegativeFinite, requirePositiveFinite, requirePositiveInteger } from '../validation/require.js';
import { expertParallelDecodeStep, expertParallelMemory } from './expert-parallel-step.js';
import type { ExpertParallelPoolSpec, ExpertParallelStep } from './types.js';

export interface ExpertParallelDecodeAtSlo {
  /** 0 when not even one sequence meets the target or fits. */
  readonly sequencesPerGpu: number;
  readonly limitedBy: 'tpot-slo' | 'kv-memory' | 'max-batch';
  readonly tokensPerSecondPerGpu: number;
  readonly step: ExpertParallelStep | null;
}

/**
 * Largest decode batch per GPU of a DP-attention / large-EP pool whose step stays within
 * `tpotSeconds`, whose KV (sequences × finalSequenceTokens) fits, capped at maxSequencesPerGpu.
 * Step time grows with the batch, so a binary search finds it.
 *
 * @throws RangeError for a non-positive target, cap or sequence length.
 */
export function expertParallelDecodeAtSlo(
  spec: ExpertParallelPoolSpec,
  tpotSeconds: number,
  meanContextTokens: number,
  finalSequenceTokens: number,
  maxSequencesPerGpu: number,
): ExpertParallelDecodeAtSlo {
  requirePositiveFinite(tpotSeconds, 'tpotSeconds');
  requireNonNegativeFinite(meanContextTokens, 'meanContextTokens');
  requirePositiveFinite(finalSequenceTokens, 'finalSequenceTokens');
  requirePositiveInteger(maxSequencesPerGpu, 'maxSequencesPerGpu');
  const kvLimit = Math.floor(expertParallelMemory(spec).kvCapacityTokensPerGpu / finalSequenceTokens);
  const cap = Math.min(kvLimit, maxSequencesPerGpu);
  const stepAt = (b: number) => expertParallelDecodeStep(spec, b, meanContextTokens);
  if (cap < 1 || stepAt(1).stepSeconds > tpotSeconds) {
    return { sequencesPerGpu: 0, limitedBy: cap < 1 ? 'kv-memory' : 'tpot-slo', tokensPerSecondPerGpu: 0, step: null };
  }
  let batch = cap;
  let limitedBy: ExpertParallelDecodeAtSlo['limitedBy'] = kvLimit < maxSequencesPerGpu ? 'kv-memory' : 'max-batch';
  if (stepAt(cap).stepSeconds > tpotSeconds) {
    let low = 1;
    let high = cap;
    while (high - low > 1) {
      const mid = (low + high) >>> 1;
      if (stepAt(mid).stepSeconds <= tpotSeconds) low = mid;
      else high = mid;
    }
    batch = low;
    limitedBy = 'tpot-slo';
  }
  const step = stepAt(batch);
  return { sequencesPerGpu: batch, limitedBy, tokensPerSecondPerGpu: batch / step.stepSeconds, step };
}
