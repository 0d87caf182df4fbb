import type { GrowthCurve } from './types.js';

function finite(value: number, field: string, min: number, inclusive = true): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || (inclusive ? value < min : value <= min)) {
    throw new RangeError(`${field}: must be a finite number ${inclusive ? '≥' : '>'} ${min}, got ${String(value)}`);
  }
}

/**
 * Checks a growth curve's fields.
 * @throws RangeError naming the field ('growth.startDau: …').
 */
export function validateGrowthCurve(curve: GrowthCurve, field = 'growth'): void {
  if (curve === null || typeof curve !== 'object') throw new RangeError(`${field}: must be an object, got ${String(curve)}`);
  finite(curve.startDau, `${field}.startDau`, 0, false);
  switch (curve.kind) {
    case 'linear':
      finite(curve.dauPerMonth, `${field}.dauPerMonth`, -Number.MAX_VALUE);
      return;
    case 'exponential':
      finite(curve.monthlyGrowthFraction, `${field}.monthlyGrowthFraction`, -1, false);
      return;
    case 'logistic':
      finite(curve.monthlyGrowthRate, `${field}.monthlyGrowthRate`, 0);
      finite(curve.ceilingDau, `${field}.ceilingDau`, curve.startDau, false);
      return;
    default:
      throw new RangeError(`${field}.kind: must be "linear", "exponential" or "logistic", got ${String((curve as { kind: unknown }).kind)}`);
  }
}

/**
 * DAU at month m (m = 0 is startDau), the rate scaled by `rateMultiplier` (Monte Carlo draws):
 * - linear: D0 + k·slope·m, floored at 1 user (a shrinking product never goes negative);
 * - exponential: D0·(1 + k·g)^m;
 * - logistic: C / (1 + ((C − D0)/D0)·e^(−k·r·m)).
 *
 * @example exponential 10 %/month from 100 000: month 12 = 100 000 × 1.1^12 ≈ 313 843.
 */
export function dauAtMonth(curve: GrowthCurve, month: number, rateMultiplier = 1): number {
  const d0 = curve.startDau;
  switch (curve.kind) {
    case 'linear':
      return Math.max(1, d0 + rateMultiplier * curve.dauPerMonth * month);
    case 'exponential':
      return d0 * Math.pow(1 + Math.max(-0.99, rateMultiplier * curve.monthlyGrowthFraction), month);
    case 'logistic': {
      const c = curve.ceilingDau;
      return c / (1 + ((c - d0) / d0) * Math.exp(-rateMultiplier * curve.monthlyGrowthRate * month));
    }
  }
}

/**
 * DAU for months 1..months (validated curve).
 * @throws RangeError naming the field.
 */
export function growthSeries(curve: GrowthCurve, months: number): number[] {
  validateGrowthCurve(curve);
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new RangeError(`months: must be an integer from 1 to 120, got ${String(months)}`);
  return Array.from({ length: months }, (_, i) => dauAtMonth(curve, i + 1));
}
