import type { DeploymentSpec, StepTime } from '../types.js';
import { requireNonNegativeInteger } from '../validation/require.js';
import { prepareDeployment, type PreparedDeployment } from './prepared-deployment.js';
import { addStep, StepAccumulator } from './step-accumulator.js';

/**
 * Prefill of one prompt of `promptTokens` new tokens on an otherwise idle replica, after
 * `cachedPrefixTokens` tokens served from the prefix cache (their KV is read, not recomputed).
 *
 * Chunked prefill: the prompt runs as ceil(P / prefillChunkTokens) steps; each re-reads the
 * dense weights and the experts its tokens touch, pays communication and step overhead, and
 * attends to everything before it. A chunk of c tokens after s earlier tokens has
 * c × s + c (c + 1) / 2 causal (query, key) pairs, each costing per layer and head
 * 2 × d_qk (QKᵀ) + 2 × d_v (AV) FLOPs. For one chunk from scratch that is ≈ P² / 2 pairs, i.e.
 * 2 × L × heads × headDim × P² FLOPs for GQA (d_qk = d_v = headDim).
 * MLA prefill runs un-absorbed (d_qk = nope + rope, d_v = vHeadDim) and up-projects the cached
 * latent of earlier tokens (2 × kvLora × heads × (nope + v) FLOPs per layer per cached token).
 *
 * Returns the sums over chunks; stepSeconds = Σ (max(compute, memory) + communication + overhead),
 * distinctExpertsPerLayer is that of the first chunk. 0 prompt tokens return an all-zero step.
 *
 * @throws RangeError when promptTokens or cachedPrefixTokens is not a non-negative integer, or a
 *   field of the deployment is out of range.
 */
export function prefillStepTime(deployment: DeploymentSpec, promptTokens: number, cachedPrefixTokens = 0): StepTime {
  validatePrefillArguments(promptTokens, cachedPrefixTokens);
  return prefillStepTimePrepared(prepareDeployment(deployment), promptTokens, cachedPrefixTokens);
}

/** prefillStepTime on a deployment prepared once (prepareDeployment). */
export function prefillStepTimePrepared(
  prepared: PreparedDeployment,
  promptTokens: number,
  cachedPrefixTokens = 0,
): StepTime {
  validatePrefillArguments(promptTokens, cachedPrefixTokens);
  const acc = new StepAccumulator();
  addChunkedPrefill(prepared, acc, promptTokens, cachedPrefixTokens);
  return acc.toStepTime();
}

/** Chunked prefill of one prompt; token counts may be fractional means (used by replicaThroughput). */
export function addChunkedPrefill(
  p: PreparedDeployment,
  acc: StepAccumulator,
  promptTokens: number,
  cachedPrefixTokens: number,
): void {
  const chunkTokens = p.deployment.prefillChunkTokens;
  let done = 0;
  while (done < promptTokens) {
    const tokens = Math.min(chunkTokens, promptTokens - done);
    const earlierTokens = cachedPrefixTokens + done;
    addPrefillChunk(p, acc, 1, tokens, earlierTokens);
    done += tokens;
  }
}

/**
 * One step holding `prompts` prompt pieces of `tokensEach` new tokens, each after `earlierTokens`
 * tokens of its own (short prompts pack into one chunk; their attention stays within each prompt).
 */
export function addPrefillChunk(
  p: PreparedDeployment,
  acc: StepAccumulator,
  prompts: number,
  tokensEach: number,
  earlierTokens: number,
): void {
  const pairsEach = tokensEach * earlierTokens + (tokensEach * (tokensEach + 1)) / 2;
  const attentionFlops =
    prompts * (pairsEach * p.prefillAttentionFlopsPerPair + earlierTokens * p.prefillContextFlopsPerToken);
  addStep(p, acc, prompts * tokensEach, attentionFlops, prompts * earlierTokens, prompts);
}

function validatePrefillArguments(promptTokens: number, cachedPrefixTokens: number): void {
  requireNonNegativeInteger(promptTokens, 'promptTokens');
  requireNonNegativeInteger(cachedPrefixTokens, 'cachedPrefixTokens');
}
