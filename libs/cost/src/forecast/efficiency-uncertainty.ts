/**
 * The log-space σ of the forecast's efficiency multiplier from a calibration profile's relative
 * step-time residual spread s: a profile predicts step time within a factor (1 + ε), sd(ε) = s, and
 * the Monte Carlo draws throughput ∝ 1/step time as a lognormal with median 1. Matching the
 * variance of a mean-1 lognormal, e^(σ²) − 1 = s², gives σ = √ln(1 + s²) (≈ s for small s).
 *
 * @example s = 0.1 → σ = √ln 1.01 = 0.099751
 * @throws RangeError naming the field for a negative or non-finite spread.
 */
export function efficiencySigmaFromRelativeStepTimeSd(relativeStepTimeStandardDeviation: number): number {
  const s = relativeStepTimeStandardDeviation;
  if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) {
    throw new RangeError(`relativeStepTimeStandardDeviation: must be a finite number ≥ 0, got ${String(s)}`);
  }
  return Math.sqrt(Math.log1p(s * s));
}
