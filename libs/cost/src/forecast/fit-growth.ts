import { linearRegression, linearRegressionLine, rSquared } from 'simple-statistics';
import type { GrowthCurve, GrowthKind } from './types.js';

export interface GrowthFit {
  readonly kind: GrowthKind;
  /** The fitted curve, anchored at the last history month (its month 0 = the last observation's month). */
  readonly curve: GrowthCurve;
  /** R² of the regression; for exponential and logistic on the linearised scale (ln DAU, logit). */
  readonly rSquared: number;
  /** R² of the fitted curve against the DAU themselves (comparable across kinds). */
  readonly rSquaredDau: number;
  readonly warnings: readonly string[];
}

function rSquaredOf(observed: readonly number[], predicted: readonly number[]): number {
  const mean = observed.reduce((a, b) => a + b, 0) / observed.length;
  let ssTot = 0;
  let ssRes = 0;
  for (let i = 0; i < observed.length; i++) {
    ssTot += (observed[i]! - mean) ** 2;
    ssRes += (observed[i]! - predicted[i]!) ** 2;
  }
  return ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
}

function regression(points: number[][]): { m: number; b: number; r2: number } {
  const { m, b } = linearRegression(points);
  const line = linearRegressionLine({ m, b });
  const flat = points.every((p) => p[1] === points[0]![1]);
  return { m, b, r2: flat ? 1 : rSquared(points, line) };
}

/**
 * Fits a growth curve to a monthly DAU history (oldest first, one value a month) by least squares
 * (simple-statistics linearRegression):
 * - linear: DAU = a + b·t;
 * - exponential: ln DAU = a + b·t, monthly growth fraction e^b − 1;
 * - logistic: logit = ln(DAU / (C − DAU)) = a + b·t for a given ceiling C; without one, C is
 *   searched on a grid from 1.05× to 20× the largest observation (geometric steps) for the best
 *   R² against the DAU.
 * The curve is anchored at the last observation's month, so a forecast continues the history.
 *
 * @throws RangeError naming the field: 'history: …' (fewer than 3 points, a value ≤ 0),
 *   'ceilingDau: …' (not above the largest observation).
 * @example a perfect line 100, 200, 300, 400 → linear, dauPerMonth 100, R² = 1.
 */
export function fitGrowth(history: readonly number[], kind: GrowthKind, ceilingDau?: number): GrowthFit {
  if (!Array.isArray(history) || history.length < 3) {
    throw new RangeError(`history: needs at least 3 monthly DAU values, got ${Array.isArray(history) ? history.length : String(history)}`);
  }
  history.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`history[${i}]: must be a finite number > 0, got ${String(value)}`);
  });
  const last = history.length - 1;
  const warnings: string[] = [];
  if (kind === 'linear') {
    const { m, b, r2 } = regression(history.map((d, t) => [t, d]));
    const curve: GrowthCurve = { kind, startDau: Math.max(1, b + m * last), dauPerMonth: m };
    return { kind, curve, rSquared: r2, rSquaredDau: r2, warnings };
  }
  if (kind === 'exponential') {
    const { m, b, r2 } = regression(history.map((d, t) => [t, Math.log(d)]));
    const predicted = history.map((_, t) => Math.exp(b + m * t));
    const curve: GrowthCurve = { kind, startDau: Math.exp(b + m * last), monthlyGrowthFraction: Math.exp(m) - 1 };
    return { kind, curve, rSquared: r2, rSquaredDau: rSquaredOf(history, predicted), warnings };
  }
  if (kind !== 'logistic') throw new RangeError(`kind: must be "linear", "exponential" or "logistic", got ${String(kind)}`);
  const max = Math.max(...history);
  const logisticAt = (c: number) => {
    const { m, b, r2 } = regression(history.map((d, t) => [t, Math.log(d / (c - d))]));
    const predicted = history.map((_, t) => c / (1 + Math.exp(-(b + m * t))));
    return { c, m, b, r2, r2Dau: rSquaredOf(history, predicted) };
  };
  let best;
  if (ceilingDau !== undefined) {
    if (typeof ceilingDau !== 'number' || !Number.isFinite(ceilingDau) || ceilingDau <= max) {
      throw new RangeError(`ceilingDau: must be a finite number above the largest DAU in the history (${max}), got ${String(ceilingDau)}`);
    }
    best = logisticAt(ceilingDau);
  } else {
    const steps = 200;
    for (let i = 0; i <= steps; i++) {
      const candidate = logisticAt(max * 1.05 * Math.pow(20 / 1.05, i / steps));
      if (!best || candidate.r2Dau > best.r2Dau) best = candidate;
    }
    if (best!.c >= max * 19.9) warnings.push('logistic fit: the best ceiling is at the top of the search grid (20× the largest DAU); the history shows no saturation yet.');
  }
  const { c, m, b, r2, r2Dau } = best!;
  const startDau = c / (1 + Math.exp(-(b + m * last)));
  if (m < 0) warnings.push('logistic fit: DAU is falling; the growth rate is clamped to 0.');
  const curve: GrowthCurve = { kind, startDau, ceilingDau: c, monthlyGrowthRate: Math.max(0, m) };
  return { kind, curve, rSquared: r2, rSquaredDau: r2Dau, warnings };
}
