import { paretoFront } from './pareto-front.js';
import type { SweepPointResult, SweepResult } from './types.js';

/** Joins the chunks' point results (in any order) into the sweep's result and its Pareto front. */
export function combineSweepChunks(chunkResults: readonly (readonly SweepPointResult[])[]): SweepResult {
  const points = chunkResults.flat().sort((a, b) => a.pointIndex - b.pointIndex);
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.pointIndex === points[i - 1]!.pointIndex) {
      throw new RangeError(`chunkResults: point ${points[i]!.pointIndex} appears in more than one chunk`);
    }
  }
  const evaluatedCount = points.filter((p) => p.outcome === 'evaluated').length;
  return {
    pointCount: points.length,
    evaluatedCount,
    feasibleCount: points.filter((p) => p.sloFeasible).length,
    invalidCount: points.length - evaluatedCount,
    paretoFront: paretoFront(points),
    points,
  };
}
