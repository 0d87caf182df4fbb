import { decodeStepTimePrepared, prefillStepTimePrepared, type StepTime } from '../../libs/capacity/src/index.js';
import { evaluateWhatIf, resolveScenario, type ScenarioSpec, type WhatIfEvaluation } from '../../libs/cost/src/index.js';
import type { RooflinePoint, RooflineSeries } from '../charts/index.js';

/** 1, 2, 4 … up to and including `max` (the last point is `max` itself when it is not a power of two). */
export function powersOfTwoUpTo(max: number): number[] {
  const out: number[] = [];
  for (let n = 1; n < max; n *= 2) out.push(n);
  out.push(Math.max(1, Math.floor(max)));
  return [...new Set(out)];
}

const point = (phase: RooflinePoint['phase'], tokensPerStep: number, s: StepTime): RooflinePoint => ({
  phase,
  tokensPerStep,
  stepSeconds: s.stepSeconds,
  computeSeconds: s.computeSeconds,
  memorySeconds: s.memorySeconds,
  communicationSeconds: s.communicationSeconds,
  bound: s.bound,
});

/**
 * Decode steps at batch 1, 2, 4 … up to the scheduler cap (at the evaluation's mean decode
 * context) and prefill steps of 1, 2, 4 … prompt tokens up to one chunk, from the same capacity
 * model the evaluation used. Pure: the same scenario gives the same series.
 */
export function rooflineSeries(spec: ScenarioSpec, evaluation: WhatIfEvaluation = evaluateWhatIf(spec)): RooflineSeries {
  const resolved = resolveScenario(spec);
  const d = resolved.deployment;
  const ctx = evaluation.throughput.meanDecodeContextTokens;
  const maxBatch = Math.max(d.maxBatchSequences, evaluation.throughput.decodeBatchSequences, 1);
  const decode = powersOfTwoUpTo(maxBatch).map((b) => point('decode', b, decodeStepTimePrepared(resolved.prepared, b, ctx)));
  const prefill = powersOfTwoUpTo(d.prefillChunkTokens).map((p) => point('prefill', p, prefillStepTimePrepared(resolved.prepared, p)));
  return {
    modelId: evaluation.modelId,
    gpuId: evaluation.gpuId,
    tensorParallelSize: evaluation.tensorParallelSize,
    meanDecodeContextTokens: ctx,
    points: [...decode, ...prefill],
    operatingDecodeBatch: evaluation.throughput.decodeBatchSequences,
    operatingDecodeStepSeconds: evaluation.throughput.decodeStep.stepSeconds,
    decodeBatchLimitedBy: evaluation.throughput.decodeBatchLimitedBy,
    bindingLimit: evaluation.bindingLimit,
    bindingLimitExplanation: evaluation.bindingLimitExplanation,
  };
}
