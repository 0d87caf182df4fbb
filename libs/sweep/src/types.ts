import type { QuantizationChoice, ScenarioSpec } from '../../cost/src/index.js';

/**
 * The values a sweep tries for each scenario parameter. An absent axis keeps the base
 * scenario's value; a present one must list at least one value. The grid is the Cartesian
 * product of the present axes, in SWEEP_AXES order with the last axis varying fastest.
 */
export interface SweepParameterSpace {
  readonly gpuIds?: readonly string[];
  readonly quantizations?: readonly QuantizationChoice[];
  readonly tensorParallelSizes?: readonly number[];
  readonly expertParallel?: readonly boolean[];
  readonly maxBatchSequences?: readonly number[];
  /** Fleet busy fraction to plan for: the replicas policy (headroom = 1 − this). */
  readonly targetUtilizationFractions?: readonly number[];
}

export type SweepAxis = keyof SweepParameterSpace;

/** One point's values, one per present axis (singular names: the value, not the list). */
export interface SweepPointParameters {
  readonly gpuId?: string;
  readonly quantization?: QuantizationChoice;
  readonly tensorParallelSize?: number;
  readonly expertParallel?: boolean;
  readonly maxBatchSequences?: number;
  readonly targetUtilizationFraction?: number;
}

export type SweepSearch =
  | { readonly mode: 'grid' }
  /** `samples` distinct grid points drawn with a generator seeded by `seed`: same seed, same points. */
  | { readonly mode: 'random'; readonly samples: number; readonly seed: number };

export interface SweepSpec {
  readonly base: ScenarioSpec;
  readonly space: SweepParameterSpace;
  readonly search: SweepSearch;
  /** Points per chunk: the unit of work a worker takes, retries and reports progress by. */
  readonly pointsPerChunk: number;
}

/** A self-contained unit of work: everything a worker on another host needs, nothing more. */
export interface SweepChunk {
  readonly base: ScenarioSpec;
  readonly space: SweepParameterSpace;
  readonly pointIndices: readonly number[];
}

export interface SweepPointResult {
  /** Position in the grid (mixed-radix over SWEEP_AXES), so results can be re-derived and joined. */
  readonly pointIndex: number;
  readonly parameters: SweepPointParameters;
  /** 'invalid': the scenario library rejected this combination (e.g. weights do not fit); `error` says why. */
  readonly outcome: 'evaluated' | 'invalid';
  readonly error: string | null;
  readonly costCnyPer30DayMonth: number | null;
  readonly gpusAtPeak: number | null;
  readonly tensorParallelSize: number | null;
  readonly bindingLimit: string | null;
  readonly sloFeasible: boolean;
  /** Time per output token of the planned decode batch. */
  readonly tpotSeconds: number | null;
  /** Time to first token of a mean prompt on an idle replica. */
  readonly ttftSeconds: number | null;
  /** min(1 − TPOT / TPOT target, 1 − TTFT / TTFT target): how far inside the SLO the point sits; negative outside. */
  readonly sloHeadroomFraction: number | null;
}

export interface SweepResult {
  readonly pointCount: number;
  readonly evaluatedCount: number;
  readonly feasibleCount: number;
  readonly invalidCount: number;
  /** Feasible points no other feasible point beats on both cost (lower) and SLO headroom (higher), cheapest first. */
  readonly paretoFront: readonly SweepPointResult[];
  /** Every point, by pointIndex. */
  readonly points: readonly SweepPointResult[];
}
