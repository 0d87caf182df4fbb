import { mulberry32 } from '../../cost/src/index.js';
import { lognormalRequestSizes, poissonArrivals, type SimRequest } from '../../serving-sim/src/index.js';
import type { RequestSizeDistribution } from '../../workload/src/index.js';
import { intervalAt, horizonSeconds } from './demand.js';
import type { ArrivalShape } from './scenario/arrival-shape.js';
import type { DemandSeries, SimulationHarness } from './types.js';

export interface SyntheticHarnessSpec {
  readonly config: SimulationHarness['config'];
  readonly sizes: RequestSizeDistribution;
  readonly prefixCacheHitFraction: number;
  /** Relative weight of each class (index = class). */
  readonly classWeights: readonly number[];
  readonly seed: number;
}

function steady(spec: SyntheticHarnessSpec, rate: (t: number) => number, maxRate: number, durationSeconds: number, seed: number): Iterable<SimRequest> {
  if (!(maxRate > 0)) return [];
  return {
    [Symbol.iterator]: () =>
      poissonArrivals({
        requestsPerSecondAt: rate,
        maxRequestsPerSecond: maxRate,
        durationSeconds,
        sizes: lognormalRequestSizes(spec.sizes, spec.prefixCacheHitFraction, mulberry32(seed * 2 + 1)),
        classWeights: spec.classWeights,
        random: mulberry32(seed * 2 + 2),
      }),
  };
}

/** Poisson arrivals at each interval's rate (lognormal sizes), for a demand series from DAU × profile; a shape adds bursts. */
export function syntheticHarness(spec: SyntheticHarnessSpec, demand: DemandSeries, shape?: ArrivalShape): SimulationHarness {
  const peak = Math.max(...demand.intervals.map((d) => d.requestsPerSecond)) * (shape?.maxFactor ?? 1);
  const rate = shape === undefined ? (t: number) => intervalAt(demand, t).requestsPerSecond : (t: number) => intervalAt(demand, t).requestsPerSecond * shape.factorAt(t);
  return {
    config: spec.config,
    arrivals: () => steady(spec, rate, peak, horizonSeconds(demand), spec.seed),
    steadyArrivals: (rps, duration, seed) => steady(spec, () => rps, rps, duration, seed),
  };
}

/** A trace replayed as recorded; the SLO-driven search uses Poisson arrivals of the trace's sizes. */
export function traceHarness(spec: SyntheticHarnessSpec, requests: readonly SimRequest[]): SimulationHarness {
  return {
    config: spec.config,
    arrivals: () => requests,
    steadyArrivals: (rps, duration, seed) => steady(spec, () => rps, rps, duration, seed),
  };
}
