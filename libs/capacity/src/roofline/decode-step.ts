import type { DeploymentSpec, StepTime } from '../types.js';
import { requireNonNegativeFinite, requirePositiveInteger } from '../validation/require.js';
import { prepareDeployment, type PreparedDeployment } from './prepared-deployment.js';
import { addStep, StepAccumulator } from './step-accumulator.js';

/**
 * One continuous-batching decode step: `batchSequences` sequences each produce one token while
 * attending to `meanContextTokens` cached positions (the mean over the batch; attention work and
 * KV reads are linear in context, so the mean is exact for them).
 *
 * FLOPs = 2 × active matmul params × B (embedding lookup excluded, LM head included)
 *       + attention: GQA 4 × L × heads × headDim × C × B (QKᵀ and AV);
 *         MLA with weight absorption L × heads × (2 (kvLora + rope) + 2 kvLora) × C × B.
 * Bytes = dense weights (attention, dense FFN, shared experts, router, norms, LM head)
 *       + MoE layers × distinctExpertsTouched(E, k, B) × bytes per expert
 *       + KV read B × C and written B, per replica (with TP replication)
 *       + activations.
 * See roofline/step-accumulator.ts for the roofline and prepared-deployment.ts for formats.
 * Does not check that the weights fit (memoryPerReplica does).
 *
 * @throws RangeError when batchSequences is not a positive integer, meanContextTokens is negative,
 *   or a field of the deployment is out of range.
 */
export function decodeStepTime(deployment: DeploymentSpec, batchSequences: number, meanContextTokens: number): StepTime {
  validateDecodeArguments(batchSequences, meanContextTokens);
  return decodeStepTimePrepared(prepareDeployment(deployment), batchSequences, meanContextTokens);
}

/** decodeStepTime on a deployment prepared once (prepareDeployment), for callers that evaluate many steps. */
export function decodeStepTimePrepared(
  prepared: PreparedDeployment,
  batchSequences: number,
  meanContextTokens: number,
): StepTime {
  validateDecodeArguments(batchSequences, meanContextTokens);
  const acc = new StepAccumulator();
  addDecodeStep(prepared, acc, batchSequences, meanContextTokens);
  return acc.toStepTime();
}

const scratch = new StepAccumulator();

/** Only the step seconds of decodeStepTimePrepared; allocates nothing. */
export function decodeStepSecondsPrepared(
  prepared: PreparedDeployment,
  batchSequences: number,
  meanContextTokens: number,
): number {
  validateDecodeArguments(batchSequences, meanContextTokens);
  return uncheckedDecodeStepSeconds(prepared, batchSequences, meanContextTokens);
}

/** For loops whose arguments are valid by construction. */
export function uncheckedDecodeStepSeconds(p: PreparedDeployment, batchSequences: number, meanContextTokens: number): number {
  scratch.reset();
  addDecodeStep(p, scratch, batchSequences, meanContextTokens);
  return scratch.stepSeconds;
}

export function addDecodeStep(
  p: PreparedDeployment,
  acc: StepAccumulator,
  batchSequences: number,
  meanContextTokens: number,
): void {
  const contextTokens = batchSequences * meanContextTokens;
  addStep(p, acc, batchSequences, contextTokens * p.decodeAttentionFlopsPerPair, contextTokens, batchSequences);
}

function validateDecodeArguments(batchSequences: number, meanContextTokens: number): void {
  requirePositiveInteger(batchSequences, 'batchSequences');
  requireNonNegativeFinite(meanContextTokens, 'meanContextTokens');
}
