import { sampleStandardDeviation } from 'simple-statistics';
import type { CalibrationFit } from '../fit/calibrate.js';

export interface StepTimeUncertainty {
  /** Sample standard deviation of the relative residuals (measured − predicted) / measured over every point. */
  readonly relativeStepTimeStandardDeviation: number;
  /** Median |relative error| on the held-out points: how far the profile is off on shapes it was not fitted on. */
  readonly heldOutMedianAbsoluteRelativeError: number;
  readonly points: number;
}

/**
 * How uncertain step times predicted with a profile are, for a Monte Carlo that samples the
 * efficiency coefficients (issue #6): a forecast may scale step time by (1 + ε), ε with the
 * standard deviation below. Relative, because one profile is used at batch sizes and contexts
 * whose step times differ by orders of magnitude.
 *
 * @example residuals 0.02, −0.02, 0.01, −0.01 → mean 0, Σ r² = 0.001, / 3 → sd = 0.018257
 */
export function stepTimeUncertainty(fit: Pick<CalibrationFit, 'residuals' | 'heldOut'>): StepTimeUncertainty {
  const relative = fit.residuals.map((r) => r.relativeResidual);
  return {
    relativeStepTimeStandardDeviation: relative.length >= 2 ? sampleStandardDeviation(relative) : 0,
    heldOutMedianAbsoluteRelativeError: fit.heldOut.medianAbsoluteRelativeError,
    points: relative.length,
  };
}
