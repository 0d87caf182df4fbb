import { evaluateWhatIf, type ScenarioSpec, type WhatIfEvaluation } from '../../cost/src/index.js';
import { applySweepPoint } from './apply-point.js';
import { sweepPointAt } from './parameter-space.js';
import { sloHeadroomFraction, sweepSloTargets } from './slo-headroom.js';
import type { SweepChunk, SweepPointParameters, SweepPointResult } from './types.js';

export type ScenarioEvaluator = (spec: ScenarioSpec) => WhatIfEvaluation;

function invalid(pointIndex: number, parameters: SweepPointParameters, error: string): SweepPointResult {
  return {
    pointIndex,
    parameters,
    outcome: 'invalid',
    error,
    costCnyPer30DayMonth: null,
    gpusAtPeak: null,
    tensorParallelSize: null,
    bindingLimit: null,
    sloFeasible: false,
    tpotSeconds: null,
    ttftSeconds: null,
    sloHeadroomFraction: null,
  };
}

/**
 * Evaluates every point of a chunk. A combination the scenario library rejects (RangeError:
 * e.g. a TP degree that cannot hold the weights) is recorded as an invalid point, not thrown:
 * one bad corner of a grid must not fail the sweep. Any other error is a bug and propagates.
 */
export function evaluateSweepChunk(chunk: SweepChunk, evaluate: ScenarioEvaluator = evaluateWhatIf): SweepPointResult[] {
  const target = sweepSloTargets(chunk.base);
  return chunk.pointIndices.map((pointIndex) => {
    const parameters = sweepPointAt(chunk.space, pointIndex);
    let evaluation: WhatIfEvaluation;
    try {
      evaluation = evaluate(applySweepPoint(chunk.base, parameters));
    } catch (error) {
      if (error instanceof RangeError) return invalid(pointIndex, parameters, error.message);
      throw error;
    }
    const latency = { tpotSeconds: evaluation.throughput.decodeStep.stepSeconds, ttftSeconds: evaluation.throughput.idleTtftSeconds };
    return {
      pointIndex,
      parameters,
      outcome: 'evaluated',
      error: null,
      costCnyPer30DayMonth: evaluation.cost.costCnyPer30DayMonth,
      gpusAtPeak: evaluation.atPeak.gpus,
      tensorParallelSize: evaluation.tensorParallelSize,
      bindingLimit: evaluation.bindingLimit,
      sloFeasible: evaluation.throughput.sloFeasible,
      ...latency,
      sloHeadroomFraction: sloHeadroomFraction(latency, target),
    };
  });
}
