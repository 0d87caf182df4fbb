import type {
  DecodeBatchLimit,
  DeploymentSpec,
  ReplicaThroughput,
  RequestShapeForCapacity,
  SloSpec,
  StepTime,
} from '../types.js';
import { decodeStepTimePrepared, uncheckedDecodeStepSeconds } from '../roofline/decode-step.js';
import { addChunkedPrefill, addPrefillChunk } from '../roofline/prefill-step.js';
import { prepareDeployment, type PreparedDeployment } from '../roofline/prepared-deployment.js';
import { StepAccumulator } from '../roofline/step-accumulator.js';
import { requireClosedFraction, requireNonNegativeFinite, requirePositiveFinite } from '../validation/require.js';

const ZERO_STEP: StepTime = Object.freeze({
  stepSeconds: 0,
  computeSeconds: 0,
  memorySeconds: 0,
  communicationSeconds: 0,
  overheadSeconds: 0,
  flops: 0,
  bytesMoved: 0,
  distinctExpertsPerLayer: 0,
  bound: 'bandwidth',
});

/**
 * What one replica sustains while holding the SLO, for requests of the mean shape.
 *
 * Decode: every sequence in the batch sits at mean context C = meanPrompt + meanOutput / 2 (all
 * prompt tokens are in the KV cache whether prefix-cached or not; output grows from 0 to
 * meanOutput). The batch B is the largest integer in [1, maxBatchSequences] with
 * decodeStep(B, C) ≤ tpot and B × (meanPrompt + meanOutput) ≤ kvCapacityTokens: a sequence is
 * admitted only if its full final length fits, because vLLM preempts (recomputes) sequences
 * whose blocks run out, which costs more than admitting fewer. Step time is non-decreasing in B,
 * so a binary search finds B in O(log maxBatchSequences) step evaluations.
 * decodeTokensPerSecond = B / decodeStep(B, C).
 *
 * Prefill: Pu = meanPrompt × (1 − prefixCacheHitFraction) tokens need compute, at least 1 (with
 * a full prefix hit the engine still recomputes the last prompt token to get its logits). The
 * first output token comes out of the last prefill step, so idleTtftSeconds = chunked prefill
 * time of Pu tokens after the cached prefix, with no decode step added.
 * prefillTokensPerSecond is in uncached prompt tokens per second of prefill work at full
 * chunks: prompts shorter than a chunk pack floor(chunk / Pu) to a step; longer prompts run
 * chunk by chunk.
 *
 * sloFeasible: weights fit, one whole sequence fits in the KV cache, it fits the model's
 * context window, idle TTFT ≤ ttft and decodeStep(1, C) ≤ tpot. When decode at batch 1 misses
 * tpot the result still describes batch 1 (best effort); when the weights or one sequence do not
 * fit, decode figures are 0. warnings say which condition failed. Never throws for an
 * infeasible deployment, only for invalid inputs.
 *
 * @throws RangeError when an SLO, shape or deployment field is out of range.
 */
export function replicaThroughput(
  deployment: DeploymentSpec,
  slo: SloSpec,
  shape: RequestShapeForCapacity,
): ReplicaThroughput {
  validateSloAndShape(slo, shape);
  return uncheckedReplicaThroughput(prepareDeployment(deployment), slo, shape);
}

/** replicaThroughput on a deployment prepared once, for sweeps over SLOs and shapes. */
export function replicaThroughputPrepared(
  prepared: PreparedDeployment,
  slo: SloSpec,
  shape: RequestShapeForCapacity,
): ReplicaThroughput {
  validateSloAndShape(slo, shape);
  return uncheckedReplicaThroughput(prepared, slo, shape);
}

function uncheckedReplicaThroughput(
  p: PreparedDeployment,
  slo: SloSpec,
  shape: RequestShapeForCapacity,
): ReplicaThroughput {
  const { deployment, memory } = p;
  const warnings: string[] = [];
  const promptTokens = shape.meanPromptTokens;
  const sequenceTokens = promptTokens + shape.meanOutputTokens;
  const meanDecodeContextTokens = promptTokens + shape.meanOutputTokens / 2;

  if (!memory.fitsWeights) {
    const usableBytes = memory.hbmBytesPerReplica - memory.reservedBytes;
    warnings.push(
      `weights: ${gb(memory.weightsBytesPerGpu * memory.gpusPerReplica)} GB do not fit in ${gb(usableBytes)} GB usable on ${deployment.tensorParallelSize} × ${deployment.gpu.id}`,
    );
    return infeasible(meanDecodeContextTokens, warnings);
  }

  let feasible = true;
  if (sequenceTokens > deployment.model.maxContextTokens) {
    feasible = false;
    warnings.push(
      `context: mean sequence of ${sequenceTokens} tokens exceeds ${deployment.model.id}'s ${deployment.model.maxContextTokens}-token context window`,
    );
  }

  // Prefill (independent of the decode batch).
  const uncachedTokens = promptTokens * (1 - shape.prefixCacheHitFraction);
  const prefillTokens = uncachedTokens > 1 ? uncachedTokens : 1;
  const cachedTokens = promptTokens > prefillTokens ? promptTokens - prefillTokens : 0;
  const chunkTokens = deployment.prefillChunkTokens;
  const ttftAcc = new StepAccumulator();
  addChunkedPrefill(p, ttftAcc, prefillTokens, cachedTokens);
  const idleTtftSeconds = ttftAcc.stepSeconds;
  let prefillStep: StepTime;
  let prefillTokensPerSecond: number;
  if (prefillTokens >= chunkTokens) {
    prefillStep = ttftAcc.toStepTime();
    prefillTokensPerSecond = prefillTokens / idleTtftSeconds;
  } else {
    const promptsPerChunk = Math.floor(chunkTokens / prefillTokens);
    const packed = new StepAccumulator();
    addPrefillChunk(p, packed, promptsPerChunk, prefillTokens, cachedTokens);
    prefillStep = packed.toStepTime();
    prefillTokensPerSecond = (promptsPerChunk * prefillTokens) / packed.stepSeconds;
  }
  if (idleTtftSeconds > slo.ttftSeconds) {
    feasible = false;
    warnings.push(
      `ttft: prefill of ${round(prefillTokens)} uncached prompt tokens takes ${ms(idleTtftSeconds)} ms on an idle replica, over the ${ms(slo.ttftSeconds)} ms target`,
    );
  }

  // Decode.
  const kvLimitSequences = Math.floor(memory.kvCapacityTokens / sequenceTokens);
  if (kvLimitSequences < 1) {
    warnings.push(
      `kv-memory: one sequence of ${round(sequenceTokens)} tokens needs ${gb(sequenceTokens * memory.kvBytesPerToken)} GB of KV cache, ${gb(memory.kvCacheBytes)} GB free after weights`,
    );
    return {
      decodeBatchSequences: 0,
      decodeBatchLimitedBy: 'kv-memory',
      decodeStep: ZERO_STEP,
      decodeTokensPerSecond: 0,
      meanDecodeContextTokens,
      prefillStep,
      prefillTokensPerSecond,
      idleTtftSeconds,
      sloFeasible: false,
      warnings,
    };
  }

  const maxBatch = Math.min(deployment.maxBatchSequences, kvLimitSequences);
  const tpot = slo.tpotSeconds;
  let batch: number;
  let limitedBy: DecodeBatchLimit;
  const batchOneSeconds = uncheckedDecodeStepSeconds(p, 1, meanDecodeContextTokens);
  if (batchOneSeconds > tpot) {
    feasible = false;
    batch = 1;
    limitedBy = 'tpot-slo';
    warnings.push(
      `tpot: a decode step at batch 1 takes ${ms(batchOneSeconds)} ms at ${round(meanDecodeContextTokens)} tokens of context, over the ${ms(tpot)} ms target; figures are for batch 1`,
    );
  } else if (uncheckedDecodeStepSeconds(p, maxBatch, meanDecodeContextTokens) <= tpot) {
    batch = maxBatch;
    limitedBy = kvLimitSequences < deployment.maxBatchSequences ? 'kv-memory' : 'max-batch';
  } else {
    // Invariant: step(low) ≤ tpot < step(high).
    let low = 1;
    let high = maxBatch;
    while (high - low > 1) {
      const mid = (low + high) >>> 1;
      if (uncheckedDecodeStepSeconds(p, mid, meanDecodeContextTokens) <= tpot) low = mid;
      else high = mid;
    }
    batch = low;
    limitedBy = 'tpot-slo';
  }
  const decodeStep = decodeStepTimePrepared(p, batch, meanDecodeContextTokens);

  return {
    decodeBatchSequences: batch,
    decodeBatchLimitedBy: limitedBy,
    decodeStep,
    decodeTokensPerSecond: batch / decodeStep.stepSeconds,
    meanDecodeContextTokens,
    prefillStep,
    prefillTokensPerSecond,
    idleTtftSeconds,
    sloFeasible: feasible,
    warnings,
  };
}

function infeasible(meanDecodeContextTokens: number, warnings: string[]): ReplicaThroughput {
  return {
    decodeBatchSequences: 0,
    decodeBatchLimitedBy: 'kv-memory',
    decodeStep: ZERO_STEP,
    decodeTokensPerSecond: 0,
    meanDecodeContextTokens,
    prefillStep: ZERO_STEP,
    prefillTokensPerSecond: 0,
    idleTtftSeconds: 0,
    sloFeasible: false,
    warnings,
  };
}

function validateSloAndShape(slo: SloSpec, shape: RequestShapeForCapacity): void {
  if (slo === null || typeof slo !== 'object') throw new RangeError(`slo: must be an object, got ${String(slo)}`);
  requirePositiveFinite(slo.ttftSeconds, 'slo.ttftSeconds');
  requirePositiveFinite(slo.tpotSeconds, 'slo.tpotSeconds');
  if (shape === null || typeof shape !== 'object') throw new RangeError(`shape: must be an object, got ${String(shape)}`);
  requireNonNegativeFinite(shape.meanPromptTokens, 'shape.meanPromptTokens');
  requirePositiveFinite(shape.meanOutputTokens, 'shape.meanOutputTokens');
  requireClosedFraction(shape.prefixCacheHitFraction, 'shape.prefixCacheHitFraction');
}

const gb = (bytes: number): string => (bytes / 1e9).toFixed(1);
const ms = (seconds: number): string => (seconds * 1e3).toFixed(1);
const round = (value: number): string => String(Math.round(value));
