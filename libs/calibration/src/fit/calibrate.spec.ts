import { calibrate } from './calibrate.js';
import { syntheticMeasurement, syntheticMeasurementSet } from '../testing/synthetic-measurements.js';

describe('calibrate: least-squares fit of η_compute, η_memory and overhead', () => {
  it('recovers η_compute 0.5, η_memory 0.7 and 1 ms overhead from steps generated with them (table in testing/synthetic-measurements.ts)', () => {
    const fit = calibrate(syntheticMeasurementSet());
    expect(fit.coefficients.computeEfficiencyFraction).toBeCloseTo(0.5, 6);
    expect(fit.coefficients.memoryEfficiencyFraction).toBeCloseTo(0.7, 6);
    expect(fit.coefficients.stepOverheadSeconds).toBeCloseTo(0.001, 8);
    expect(fit.coefficients.computeIdentified).toBe(true);
    expect(fit.coefficients.memoryIdentified).toBe(true);
    expect(fit.warnings).toEqual([]);
  });

  it('gives R² = 1 and zero residuals on an exact fit', () => {
    const fit = calibrate(syntheticMeasurementSet());
    expect(fit.rSquared).toBeCloseTo(1, 9);
    for (const r of fit.residuals) expect(Math.abs(r.relativeResidual)).toBeLessThan(1e-6);
    expect(fit.medianAbsoluteRelativeError).toBeLessThan(1e-6);
  });

  it('says which bound binds each point: decode at batch ≤ 8 and long contexts memory-bound, batch ≥ 16 and prefill compute-bound', () => {
    const fit = calibrate(syntheticMeasurementSet());
    expect(fit.residuals.map((r) => r.bound)).toEqual([
      'memory', 'memory', 'memory', 'memory', 'compute', 'compute', 'compute', 'compute', 'memory', 'compute', 'memory', 'compute',
    ]);
    expect(fit.computeBoundPoints).toBe(6);
    expect(fit.memoryBoundPoints).toBe(6);
    // Point 6: max(6.4e10 / 5e11, 2.1e9 / 7e10) + 0.001 = 0.128 + 0.001.
    expect(fit.residuals[6]!.predictedSeconds).toBeCloseTo(0.129, 9);
  });

  it('holds out every 4th point (3, 7, 11) and predicts them from the other nine', () => {
    const fit = calibrate(syntheticMeasurementSet());
    expect(fit.residuals.filter((r) => r.heldOut).map((r) => r.index)).toEqual([3, 7, 11]);
    expect(fit.heldOut.fittedPoints).toBe(9);
    expect(fit.heldOut.heldOutPoints).toBe(3);
    expect(fit.heldOut.coefficients.computeEfficiencyFraction).toBeCloseTo(0.5, 6);
    expect(fit.heldOut.medianAbsoluteRelativeError).toBeLessThan(1e-6);
  });

  it('shows a noisy point in its residual: point 5 measured 20 % slow (0.078 s instead of 0.065 s)', () => {
    const measurements = Array.from({ length: 12 }, (_, i) => syntheticMeasurement(i));
    measurements[5] = { ...measurements[5]!, stepSeconds: 0.078 };
    const fit = calibrate(syntheticMeasurementSet(measurements));
    const worst = [...fit.residuals].sort((p, q) => Math.abs(q.relativeResidual) - Math.abs(p.relativeResidual))[0]!;
    expect(worst.index).toBe(5);
    expect(worst.residualSeconds).toBeGreaterThan(0.005);
    expect(fit.rSquared!).toBeLessThan(1);
    expect(fit.rSquared!).toBeGreaterThan(0.95);
    // One outlier among 12 moves the coefficients a little, not a lot.
    expect(fit.coefficients.computeEfficiencyFraction).toBeGreaterThan(0.45);
    expect(fit.coefficients.computeEfficiencyFraction).toBeLessThan(0.55);
    expect(fit.coefficients.memoryEfficiencyFraction).toBeCloseTo(0.7, 2);
  });

  it('recovers the coefficients within 1 % when every point carries ±1 % multiplicative noise', () => {
    const noise = [0.01, -0.01, 0.005, -0.005, 0.01, -0.01, 0.0, 0.01, -0.01, 0.005, -0.005, 0.0];
    const measurements = noise.map((e, i) => {
      const m = syntheticMeasurement(i);
      return { ...m, stepSeconds: m.stepSeconds * (1 + e) };
    });
    const fit = calibrate(syntheticMeasurementSet(measurements));
    expect(Math.abs(fit.coefficients.computeEfficiencyFraction / 0.5 - 1)).toBeLessThan(0.01);
    expect(Math.abs(fit.coefficients.memoryEfficiencyFraction / 0.7 - 1)).toBeLessThan(0.02);
    expect(fit.heldOut.medianAbsoluteRelativeError).toBeLessThan(0.02);
  });

  it('refuses a fit on fewer than 6 measurements, saying why', () => {
    const set = syntheticMeasurementSet([0, 1, 4, 5, 9].map(syntheticMeasurement));
    expect(() => calibrate(set)).toThrow(/^measurements: need at least 6 measurements .* got 5$/);
  });

  it('flags η_compute as not identified when every point is memory-bound', () => {
    const set = syntheticMeasurementSet([0, 1, 2, 3, 8, 10].map(syntheticMeasurement));
    const fit = calibrate(set);
    expect(fit.coefficients.computeIdentified).toBe(false);
    expect(fit.coefficients.memoryEfficiencyFraction).toBeCloseTo(0.7, 5);
    expect(fit.warnings.join(' ')).toMatch(/η_compute is not identified/);
  });
});
