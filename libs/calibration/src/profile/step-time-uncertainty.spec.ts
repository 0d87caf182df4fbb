import { calibrate } from '../fit/calibrate.js';
import { syntheticMeasurementSet } from '../testing/synthetic-measurements.js';
import { stepTimeUncertainty } from './step-time-uncertainty.js';

describe('stepTimeUncertainty: relative spread of a profile for Monte Carlo forecasts', () => {
  it('is the sample standard deviation of the relative residuals: 0.02, −0.02, 0.01, −0.01 → √(0.001 / 3) = 0.018257', () => {
    const residuals = [0.02, -0.02, 0.01, -0.01].map((relativeResidual) => ({ relativeResidual }));
    const u = stepTimeUncertainty({ residuals, heldOut: { medianAbsoluteRelativeError: 0.015 } } as never);
    expect(u.relativeStepTimeStandardDeviation).toBeCloseTo(0.0182574, 6);
    expect(u.heldOutMedianAbsoluteRelativeError).toBe(0.015);
    expect(u.points).toBe(4);
  });

  it('is zero for an exact fit', () => {
    const u = stepTimeUncertainty(calibrate(syntheticMeasurementSet()));
    expect(u.relativeStepTimeStandardDeviation).toBeLessThan(1e-6);
  });
});
