import { DEFAULT_EFFICIENCY, validateEfficiency } from '../../../capacity/src/index.js';
import { calibrate } from '../fit/calibrate.js';
import { syntheticMeasurement, syntheticMeasurementSet } from '../testing/synthetic-measurements.js';
import { efficiencyFromProfile } from './efficiency-from-profile.js';

describe('efficiencyFromProfile: a stored profile as libs/capacity coefficients', () => {
  it('carries the fitted η and overhead, provenance "calibrated", the profile id and a source naming engine and hardware', () => {
    const set = syntheticMeasurementSet();
    const eff = efficiencyFromProfile({ id: 'p-1', engine: set.engine, hardware: set.hardware, fit: calibrate(set) });
    validateEfficiency(eff);
    expect(eff.computeEfficiencyFraction).toBeCloseTo(0.5, 6);
    expect(eff.memoryEfficiencyFraction).toBeCloseTo(0.7, 6);
    expect(eff.stepOverheadSeconds).toBeCloseTo(0.001, 8);
    expect(eff.interconnectEfficiencyFraction).toBe(DEFAULT_EFFICIENCY.interconnectEfficiencyFraction);
    expect(eff.provenance).toBe('calibrated');
    expect(eff.calibrationProfileId).toBe('p-1');
    expect(eff.source).toContain('capsim-reference 0.1.0');
    expect(eff.source).toContain('synthetic-1e12flops-1e11Bps');
  });

  it('keeps the default η_compute when no point was compute-bound, and says so', () => {
    const set = syntheticMeasurementSet([0, 1, 2, 3, 8, 10].map(syntheticMeasurement));
    const eff = efficiencyFromProfile({ id: 'p-2', engine: set.engine, hardware: set.hardware, fit: calibrate(set) });
    expect(eff.computeEfficiencyFraction).toBe(DEFAULT_EFFICIENCY.computeEfficiencyFraction);
    expect(eff.memoryEfficiencyFraction).toBeCloseTo(0.7, 5);
    expect(eff.source).toMatch(/η_compute not identified by the data, default kept/);
  });
});
