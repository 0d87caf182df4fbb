import type { MeasurementSet } from '../measurement.js';

/**
 * The roofline of one step as calibration sees it (DESIGN.md, single-replica, no communication):
 *
 *   t = max(F / (P_format × η_compute), B / (BW × η_memory)) + overhead
 *
 * Each measurement reduces to the two times it would take at 100 % of the peaks; the fit only
 * scales them.
 */
export interface RooflinePoint {
  /** F / P_format: seconds at the format's (measured or datasheet) peak. */
  readonly computeSecondsAtPeak: number;
  /** B / BW: seconds at the (measured or datasheet) memory bandwidth. */
  readonly memorySecondsAtPeak: number;
  readonly measuredSeconds: number;
}

export interface StepTimeCoefficients {
  readonly computeEfficiencyFraction: number;
  readonly memoryEfficiencyFraction: number;
  readonly stepOverheadSeconds: number;
}

export type BindingBound = 'compute' | 'memory';

export function rooflinePoints(set: MeasurementSet): RooflinePoint[] {
  const { peakFlopsPerSecondByFormat: peaks, memoryBandwidthBytesPerSecond: bandwidth } = set.hardware;
  return set.measurements.map((m) => ({
    computeSecondsAtPeak: m.flopsPerStep / peaks[m.weightFormat]!,
    memorySecondsAtPeak: m.bytesPerStep / bandwidth,
    measuredSeconds: m.stepSeconds,
  }));
}

export function predictStepSeconds(point: RooflinePoint, c: StepTimeCoefficients): number {
  return Math.max(point.computeSecondsAtPeak / c.computeEfficiencyFraction, point.memorySecondsAtPeak / c.memoryEfficiencyFraction) + c.stepOverheadSeconds;
}

/** Ties go to compute, as in libs/capacity's StepAccumulator. */
export function bindingBound(point: RooflinePoint, c: StepTimeCoefficients): BindingBound {
  return point.computeSecondsAtPeak / c.computeEfficiencyFraction >= point.memorySecondsAtPeak / c.memoryEfficiencyFraction ? 'compute' : 'memory';
}
