import { combineSweepChunks } from './combine.js';
import { paretoFront } from './pareto-front.js';
import { sloHeadroomFraction } from './slo-headroom.js';
import type { SweepPointResult } from './types.js';

function point(pointIndex: number, costCnyPer30DayMonth: number | null, sloHeadroomFraction: number | null, sloFeasible = true): SweepPointResult {
  return {
    pointIndex,
    parameters: { tensorParallelSize: pointIndex + 1 },
    outcome: costCnyPer30DayMonth === null ? 'invalid' : 'evaluated',
    error: costCnyPer30DayMonth === null ? 'weights do not fit' : null,
    costCnyPer30DayMonth,
    gpusAtPeak: null,
    tensorParallelSize: null,
    bindingLimit: null,
    sloFeasible,
    tpotSeconds: null,
    ttftSeconds: null,
    sloHeadroomFraction,
  };
}

describe('Pareto front of cost (lower is better) vs SLO headroom (higher is better)', () => {
  // Costs in CNY per month, headroom fractions: A and B trade off; C is beaten by B (dearer, less headroom);
  // D ties A on cost with less headroom; E is cheapest but misses the SLO; F is invalid.
  const points = [
    point(0, 100_000, 0.1), // A
    point(1, 120_000, 0.3), // B
    point(2, 130_000, 0.2), // C: dominated by B
    point(3, 100_000, 0.05), // D: dominated by A
    point(4, 50_000, -0.4, false), // E: infeasible
    point(5, null, null, false), // F: invalid
    point(6, 200_000, 0.3), // G: same headroom as B, dearer → dominated
  ];

  it('keeps exactly the non-dominated feasible points, cheapest first', () => {
    expect(paretoFront(points).map((p) => p.pointIndex)).toEqual([0, 1]);
  });

  it('counts points by outcome when joining chunks that arrive out of order', () => {
    const result = combineSweepChunks([points.slice(4), points.slice(0, 4)]);
    expect(result.points.map((p) => p.pointIndex)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(result).toMatchObject({ pointCount: 7, evaluatedCount: 6, invalidCount: 1, feasibleCount: 5 });
    expect(result.paretoFront.map((p) => p.pointIndex)).toEqual([0, 1]);
  });

  it('refuses a point reported by two chunks', () => {
    expect(() => combineSweepChunks([[points[0]!], [points[0]!]])).toThrow('chunkResults: point 0 appears in more than one chunk');
  });
});

describe('SLO headroom of one configuration', () => {
  it('is the tighter of the two margins: TPOT 40 ms vs 50 ms → 0.2; TTFT 0.5 s vs 2 s → 0.75; headroom 0.2', () => {
    expect(sloHeadroomFraction({ tpotSeconds: 0.04, ttftSeconds: 0.5 }, { tpotSeconds: 0.05, ttftSeconds: 2 })).toBeCloseTo(1 - 0.04 / 0.05, 12);
  });

  it('is negative when a target is missed: TTFT 3 s vs 2 s → 1 − 1.5 = −0.5', () => {
    expect(sloHeadroomFraction({ tpotSeconds: 0.01, ttftSeconds: 3 }, { tpotSeconds: 0.05, ttftSeconds: 2 })).toBeCloseTo(-0.5, 12);
  });

  it('refuses a zero target, naming it', () => {
    expect(() => sloHeadroomFraction({ tpotSeconds: 0.01, ttftSeconds: 1 }, { tpotSeconds: 0, ttftSeconds: 2 })).toThrow('target.tpotSeconds: must be a finite positive number, got 0');
  });
});
