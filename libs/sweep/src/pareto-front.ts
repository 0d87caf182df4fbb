import type { SweepPointResult } from './types.js';

/**
 * Pareto front of SLO-feasible points: minimise costCnyPer30DayMonth, maximise
 * sloHeadroomFraction. A point is on the front when no other feasible point is at most as
 * expensive and has more headroom, or is cheaper with at least as much. Exact duplicates keep
 * the lowest pointIndex. Returned cheapest first (so headroom rises along the front).
 * Example: costs / headrooms (100, 0.1), (120, 0.3), (130, 0.2) → front is the first two.
 */
export function paretoFront(points: readonly SweepPointResult[]): SweepPointResult[] {
  const feasible = points.filter(
    (p): p is SweepPointResult & { costCnyPer30DayMonth: number; sloHeadroomFraction: number } =>
      p.sloFeasible && p.costCnyPer30DayMonth !== null && p.sloHeadroomFraction !== null,
  );
  const sorted = [...feasible].sort(
    (a, b) => a.costCnyPer30DayMonth - b.costCnyPer30DayMonth || b.sloHeadroomFraction - a.sloHeadroomFraction || a.pointIndex - b.pointIndex,
  );
  const front: SweepPointResult[] = [];
  let bestHeadroom = -Infinity;
  for (const point of sorted) {
    if (point.sloHeadroomFraction > bestHeadroom) {
      front.push(point);
      bestHeadroom = point.sloHeadroomFraction;
    }
  }
  return front;
}
