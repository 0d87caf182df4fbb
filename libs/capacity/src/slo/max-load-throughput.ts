import type { DecodeBatchLimit, DeploymentSpec, RequestShapeForCapacity } from '../types.js';
import { replicaThroughput } from './replica-throughput.js';

/** Throughput of a replica saturated with requests of one shape, no latency target (benchmark "max load"). */
export interface MaxLoadThroughput {
  /** Output tokens per second per replica, prefill of the prompts included. */
  readonly outputTokensPerSecond: number;
  /** Prompt (uncached) tokens per second per replica at the same time. */
  readonly inputTokensPerSecond: number;
  readonly decodeBatchSequences: number;
  /** 'kv-memory' or 'max-batch' (there is no TPOT target). */
  readonly decodeBatchLimitedBy: DecodeBatchLimit;
  /** Share of the replica's time spent in prefill steps, 0..1. */
  readonly prefillTimeFraction: number;
  readonly warnings: readonly string[];
}

/** Stands in for "no target": large, finite, so replicaThroughput's validation accepts it. */
const NO_TARGET_SECONDS = Number.MAX_VALUE;

/**
 * Steady state of a replica that always has work (trtllm-bench / vLLM benchmark_throughput style):
 * the decode batch is as large as the KV cache (each sequence's full length reserved) and the
 * scheduler cap (deployment.maxBatchSequences) allow; every request's prompt is prefilled in full
 * chunks interleaved with the decode steps. Per request the replica spends
 *
 *   prefill  Pu / prefillTokensPerSecond
 *   decode   meanOutput × decodeStep(B, C) / B   (its share of B-wide steps)
 *
 * so outputTokensPerSecond = meanOutput / (prefill + decode). Pu, C and the step times are those
 * of replicaThroughput with no SLO.
 *
 * @example prefill 10 000 tok/s, decode 2 000 tok/s at the cap, prompts of 1 000 and outputs of
 *   1 000 tokens: per request 0.1 s + 0.5 s → 1 000 / 0.6 = 1 667 output tok/s.
 * @throws RangeError as replicaThroughput for an invalid deployment or shape.
 */
export function maxLoadThroughput(deployment: DeploymentSpec, shape: RequestShapeForCapacity): MaxLoadThroughput {
  const t = replicaThroughput(deployment, { ttftSeconds: NO_TARGET_SECONDS, tpotSeconds: NO_TARGET_SECONDS }, shape);
  if (t.decodeBatchSequences === 0 || t.decodeTokensPerSecond === 0) {
    return {
      outputTokensPerSecond: 0,
      inputTokensPerSecond: 0,
      decodeBatchSequences: 0,
      decodeBatchLimitedBy: t.decodeBatchLimitedBy,
      prefillTimeFraction: 0,
      warnings: t.warnings,
    };
  }
  const uncachedPromptTokens = Math.max(1, shape.meanPromptTokens * (1 - shape.prefixCacheHitFraction));
  const prefillSecondsPerRequest = uncachedPromptTokens / t.prefillTokensPerSecond;
  const decodeSecondsPerRequest = shape.meanOutputTokens / t.decodeTokensPerSecond;
  const requestSeconds = prefillSecondsPerRequest + decodeSecondsPerRequest;
  return {
    outputTokensPerSecond: shape.meanOutputTokens / requestSeconds,
    inputTokensPerSecond: uncachedPromptTokens / requestSeconds,
    decodeBatchSequences: t.decodeBatchSequences,
    decodeBatchLimitedBy: t.decodeBatchLimitedBy,
    prefillTimeFraction: prefillSecondsPerRequest / requestSeconds,
    warnings: t.warnings,
  };
}
