import { median, rSquared } from 'simple-statistics';
import type { MeasuredPhase, MeasurementSet } from '../measurement.js';
import { fitStepTimeModel, MAX_EFFICIENCY_FRACTION, MIN_EFFICIENCY_FRACTION } from './least-squares-fit.js';
import { bindingBound, predictStepSeconds, rooflinePoints, type BindingBound, type RooflinePoint, type StepTimeCoefficients } from './step-time-model.js';

/** With every 4th point held out, 6 points leave 5 to fit and 1 to check. */
export const MIN_MEASUREMENTS = 6;
/** Every HELD_OUT_EVERY-th point (index % 4 === 3) is left out of the held-out fit. */
export const HELD_OUT_EVERY = 4;
/** A bound is identified when at least this many points obey it; one point would be fitted exactly whatever the truth. */
export const MIN_POINTS_PER_BOUND = 2;

export interface PointResidual {
  readonly index: number;
  readonly phase: MeasuredPhase;
  readonly batchSequences: number;
  readonly tokensInStep: number;
  readonly contextTokens: number;
  readonly weightFormat: string;
  readonly measuredSeconds: number;
  readonly predictedSeconds: number;
  /** measured − predicted. */
  readonly residualSeconds: number;
  /** (measured − predicted) / measured. */
  readonly relativeResidual: number;
  readonly bound: BindingBound;
  readonly heldOut: boolean;
}

export interface FittedCoefficients extends StepTimeCoefficients {
  /** false: fewer than MIN_POINTS_PER_BOUND points are compute-bound, so the data do not pin η_compute (the value is only a bound). */
  readonly computeIdentified: boolean;
  readonly memoryIdentified: boolean;
}

export interface HeldOutCheck {
  readonly rule: string;
  readonly fittedPoints: number;
  readonly heldOutPoints: number;
  /** Coefficients fitted without the held-out points. */
  readonly coefficients: StepTimeCoefficients;
  /** Median over held-out points of |measured − predicted| / measured. */
  readonly medianAbsoluteRelativeError: number;
  readonly maxAbsoluteRelativeError: number;
}

export interface CalibrationFit {
  readonly coefficients: FittedCoefficients;
  readonly points: number;
  /** 1 − SS_res / SS_tot on step seconds, all points; null when every measured step time is equal. */
  readonly rSquared: number | null;
  readonly medianAbsoluteRelativeError: number;
  readonly rmsRelativeError: number;
  readonly computeBoundPoints: number;
  readonly memoryBoundPoints: number;
  readonly residuals: readonly PointResidual[];
  readonly heldOut: HeldOutCheck;
  readonly method: string;
  readonly warnings: readonly string[];
}

export function isHeldOut(index: number): boolean {
  return index % HELD_OUT_EVERY === HELD_OUT_EVERY - 1;
}

/**
 * Fits the roofline coefficients to a validated measurement set (fit/least-squares-fit.ts), then
 * reports goodness of fit on every point and a held-out check: the model refitted on the points
 * with index % 4 ≠ 3 predicts the points with index % 4 = 3. The split is by position, so it is
 * deterministic; an engine sweep lists points in sweep order, so each held-out point sits between
 * fitted neighbours of the same shape family and the check is one of interpolation.
 *
 * @throws RangeError('measurements: …') when there are too few points to fit and check.
 */
export function calibrate(set: MeasurementSet): CalibrationFit {
  const n = set.measurements.length;
  if (n < MIN_MEASUREMENTS) {
    throw new RangeError(
      `measurements: need at least ${MIN_MEASUREMENTS} measurements to fit 3 coefficients (η_compute, η_memory, overhead) and check the fit on held-out points (every ${HELD_OUT_EVERY}th), got ${n}`,
    );
  }
  const points = rooflinePoints(set);
  const fit = fitStepTimeModel(points);
  const coefficients: FittedCoefficients = {
    computeEfficiencyFraction: fit.computeEfficiencyFraction,
    memoryEfficiencyFraction: fit.memoryEfficiencyFraction,
    stepOverheadSeconds: fit.stepOverheadSeconds,
    computeIdentified: fit.computeBoundPoints >= MIN_POINTS_PER_BOUND,
    memoryIdentified: fit.memoryBoundPoints >= MIN_POINTS_PER_BOUND,
  };

  const residuals = set.measurements.map((m, index): PointResidual => {
    const point = points[index]!;
    const predictedSeconds = predictStepSeconds(point, coefficients);
    const residualSeconds = m.stepSeconds - predictedSeconds;
    return {
      index,
      phase: m.phase,
      batchSequences: m.batchSequences,
      tokensInStep: m.tokensInStep,
      contextTokens: m.contextTokens,
      weightFormat: m.weightFormat,
      measuredSeconds: m.stepSeconds,
      predictedSeconds,
      residualSeconds,
      relativeResidual: residualSeconds / m.stepSeconds,
      bound: bindingBound(point, coefficients),
      heldOut: isHeldOut(index),
    };
  });

  const heldOut = heldOutCheck(points);
  const relative = residuals.map((r) => Math.abs(r.relativeResidual));
  return {
    coefficients,
    points: n,
    rSquared: goodnessOfFit(residuals),
    medianAbsoluteRelativeError: median(relative),
    rmsRelativeError: Math.sqrt(relative.reduce((s, r) => s + r * r, 0) / n),
    computeBoundPoints: fit.computeBoundPoints,
    memoryBoundPoints: fit.memoryBoundPoints,
    residuals,
    heldOut,
    method:
      'Weighted least squares on relative residuals of t = max(F/(P·η_compute), B/(BW·η_memory)) + overhead: log grid over both η in [0.001, 1], active-set linear least squares with each point’s bound fixed, golden-section polish (libs/calibration/src/fit/least-squares-fit.ts).',
    warnings: fitWarnings(coefficients, fit.computeBoundPoints, fit.memoryBoundPoints, heldOut),
  };
}

function heldOutCheck(points: readonly RooflinePoint[]): HeldOutCheck {
  const fitted = points.filter((_, i) => !isHeldOut(i));
  const checked = points.filter((_, i) => isHeldOut(i));
  const coefficients = fitStepTimeModel(fitted);
  const errors = checked.map((p) => Math.abs(p.measuredSeconds - predictStepSeconds(p, coefficients)) / p.measuredSeconds);
  return {
    rule: `every ${HELD_OUT_EVERY}th measurement (index % ${HELD_OUT_EVERY} = ${HELD_OUT_EVERY - 1}) held out; coefficients refitted on the rest`,
    fittedPoints: fitted.length,
    heldOutPoints: checked.length,
    coefficients: {
      computeEfficiencyFraction: coefficients.computeEfficiencyFraction,
      memoryEfficiencyFraction: coefficients.memoryEfficiencyFraction,
      stepOverheadSeconds: coefficients.stepOverheadSeconds,
    },
    medianAbsoluteRelativeError: median(errors),
    maxAbsoluteRelativeError: Math.max(...errors),
  };
}

function goodnessOfFit(residuals: readonly PointResidual[]): number | null {
  const measured = residuals.map((r) => r.measuredSeconds);
  if (measured.every((t) => t === measured[0])) return null;
  const value = rSquared(
    residuals.map((r, i) => [i, r.measuredSeconds]),
    (i) => residuals[i]!.predictedSeconds,
  );
  return Number.isFinite(value) ? value : null;
}

function fitWarnings(c: FittedCoefficients, computeBound: number, memoryBound: number, heldOut: HeldOutCheck): string[] {
  const warnings: string[] = [];
  if (!c.computeIdentified) {
    warnings.push(`only ${computeBound} point(s) compute-bound: η_compute is not identified by these measurements (add large-batch decode or prefill points)`);
  }
  if (!c.memoryIdentified) {
    warnings.push(`only ${memoryBound} point(s) memory-bound: η_memory is not identified by these measurements (add small-batch decode points)`);
  }
  const atEdge = (v: number) => Math.abs(v - MAX_EFFICIENCY_FRACTION) < 1e-6 || Math.abs(v - MIN_EFFICIENCY_FRACTION) < 1e-6;
  if (atEdge(c.computeEfficiencyFraction)) warnings.push(`η_compute sits at the edge of the search range [${MIN_EFFICIENCY_FRACTION}, ${MAX_EFFICIENCY_FRACTION}]: check the stated peaks`);
  if (atEdge(c.memoryEfficiencyFraction)) warnings.push(`η_memory sits at the edge of the search range [${MIN_EFFICIENCY_FRACTION}, ${MAX_EFFICIENCY_FRACTION}]: check the stated bandwidth`);
  if (heldOut.medianAbsoluteRelativeError > 0.1) {
    warnings.push(`held-out median error ${(heldOut.medianAbsoluteRelativeError * 100).toFixed(1)} % exceeds the 10 % target: the roofline does not describe these measurements well`);
  }
  return warnings;
}
