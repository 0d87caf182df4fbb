import type { ArrivalKind } from './types.js';

/** Multiplies the demand's rate over time; its mean over a period is 1, so bursts move load, not volume. */
export interface ArrivalShape {
  readonly factorAt: (timeSeconds: number) => number;
  readonly maxFactor: number;
}

/** Bursts: 3× the rate for 10 s of every 60 s, 0.6× the rest, so the mean stays (3 × 10 + 0.6 × 50) / 60 = 1. */
const BURST_FACTOR = 3;
const BURST_SECONDS = 10;
const BURST_PERIOD_SECONDS = 60;
const CALM_FACTOR = (BURST_PERIOD_SECONDS - BURST_FACTOR * BURST_SECONDS) / (BURST_PERIOD_SECONDS - BURST_SECONDS);

export const ARRIVAL_SHAPES = {
  poisson: { factorAt: () => 1, maxFactor: 1 },
  bursty: { factorAt: (t: number) => (t % BURST_PERIOD_SECONDS < BURST_SECONDS ? BURST_FACTOR : CALM_FACTOR), maxFactor: BURST_FACTOR },
} as const satisfies Record<ArrivalKind, ArrivalShape>;

export function arrivalShape(kind: ArrivalKind): ArrivalShape {
  const shape = (ARRIVAL_SHAPES as Record<string, ArrivalShape | undefined>)[kind];
  if (shape === undefined) throw new RangeError(`workload.arrival: must be one of ${Object.keys(ARRIVAL_SHAPES).join(', ')}, got ${String(kind)}`);
  return shape;
}
