import type { SweepAxis, SweepParameterSpace, SweepPointParameters } from './types.js';

/** Axis order of the grid; the last varies fastest. */
export const SWEEP_AXES = ['gpuIds', 'quantizations', 'tensorParallelSizes', 'expertParallel', 'maxBatchSequences', 'targetUtilizationFractions'] as const satisfies readonly SweepAxis[];

const POINT_KEY = {
  gpuIds: 'gpuId',
  quantizations: 'quantization',
  tensorParallelSizes: 'tensorParallelSize',
  expertParallel: 'expertParallel',
  maxBatchSequences: 'maxBatchSequences',
  targetUtilizationFractions: 'targetUtilizationFraction',
} as const satisfies Record<SweepAxis, keyof SweepPointParameters>;

function presentAxes(space: SweepParameterSpace): SweepAxis[] {
  return SWEEP_AXES.filter((axis) => space[axis] !== undefined);
}

/**
 * Number of points in the grid: the product of the present axes' lengths (1 when none is present:
 * the base scenario alone). Throws RangeError naming the axis when one is given but empty.
 * Example: 3 GPUs × 2 quantizations × 4 TP sizes = 24.
 */
export function sweepPointCount(space: SweepParameterSpace): number {
  let count = 1;
  for (const axis of presentAxes(space)) {
    const values = space[axis]!;
    if (values.length === 0) throw new RangeError(`parameters.${axis}: must list at least one value, got none`);
    count *= values.length;
  }
  return count;
}

/** The parameters of grid point `pointIndex` (mixed radix over the present axes, last axis fastest). */
export function sweepPointAt(space: SweepParameterSpace, pointIndex: number): SweepPointParameters {
  const count = sweepPointCount(space);
  if (!Number.isInteger(pointIndex) || pointIndex < 0 || pointIndex >= count) {
    throw new RangeError(`pointIndex: must be an integer from 0 to ${count - 1}, got ${pointIndex}`);
  }
  const point: Record<string, unknown> = {};
  let rest = pointIndex;
  const axes = presentAxes(space);
  for (let i = axes.length - 1; i >= 0; i--) {
    const axis = axes[i]!;
    const values = space[axis]! as readonly unknown[];
    point[POINT_KEY[axis]] = values[rest % values.length];
    rest = Math.floor(rest / values.length);
  }
  return point as SweepPointParameters;
}
