import { checkMoeDecode } from './moe-check.js';
import { syntheticMeasurement, syntheticMeasurementSet } from '../testing/synthetic-measurements.js';

const coefficients = { computeEfficiencyFraction: 0.5, memoryEfficiencyFraction: 0.7, stepOverheadSeconds: 0.001 };

describe('checkMoeDecode: distinct experts touched vs E × (1 − (1 − k/E)^n)', () => {
  // E = 8, k = 2: 1 − k/E = 0.75.
  //   n = 1:  8 × (1 − 0.75)              = 2
  //   n = 8:  8 × (1 − 0.75^8)  = 8 × (1 − 0.1001129150390625) = 7.19909667968750
  //   n = 64: 8 × (1 − 0.75^64) = 8 × (1 − 1.00226e-8)         = 7.99999992
  const set = syntheticMeasurementSet([
    { ...syntheticMeasurement(0), distinctExpertsPerLayer: 1.8 }, // batch 1
    { ...syntheticMeasurement(3), distinctExpertsPerLayer: 7.2 }, // batch 8
    { ...syntheticMeasurement(6), distinctExpertsPerLayer: 8 }, // batch 64
    syntheticMeasurement(7), // prefill: not part of the decode check
  ]);
  const check = checkMoeDecode(set, coefficients);

  it('lists one row per (E, k, batch) with the expected distinct experts worked by hand', () => {
    expect(check.rows.map((r) => r.batchSequences)).toEqual([1, 8, 64]);
    expect(check.rows[0]!.expectedDistinctExperts).toBeCloseTo(2, 12);
    expect(check.rows[1]!.expectedDistinctExperts).toBeCloseTo(7.1990966796875, 12);
    expect(check.rows[2]!.expectedDistinctExperts).toBeCloseTo(7.99999992, 8);
    expect(check.rows.map((r) => r.measuredDistinctExperts)).toEqual([1.8, 7.2, 8]);
  });

  it('predicts the batch-1 step with the formula’s expert bytes: 0.2 more experts × 8 layers × 3 × 1024 × 3584 int8 bytes', () => {
    // Expert bytes over all layers: 3 × 1024 × 3584 × 1 B × 8 = 88 080 384 B; +0.2 expert → +17 616 076.8 B.
    // Memory-bound: (7e8 + 17 616 076.8) / 7e10 = 0.010251658… s; + 1 ms overhead = 0.011251658 s.
    const row = check.rows[0]!;
    expect(row.predictedStepSeconds).toBeCloseTo(0.011, 12);
    expect(row.predictedStepSecondsFromFormula).toBeCloseTo(0.01125165824, 10);
    // Measured 0.011 s: (0.011 − 0.011251658) / 0.011 = −0.022878.
    expect(row.relativeError).toBeCloseTo(-0.0228780, 6);
  });

  it('summarises the distinct-expert error: median of |1.8−2|/2, |7.2−7.19910|/7.19910, |8−8|/8 is 1.2548e-4', () => {
    // 0.2/2 = 0.1; 0.0009033203125/7.1990966796875 = 0.000125477; 0.00000008/7.99999992 = 1e-8 → median 0.000125477.
    expect(check.medianDistinctExpertsRelativeError).toBeCloseTo(0.000125477, 8);
  });

  it('leaves the formula prediction empty when the engine did not count experts', () => {
    const uncounted = checkMoeDecode(syntheticMeasurementSet([syntheticMeasurement(0)]), coefficients);
    expect(uncounted.rows[0]!.measuredDistinctExperts).toBeNull();
    expect(uncounted.rows[0]!.predictedStepSecondsFromFormula).toBeNull();
    expect(uncounted.medianDistinctExpertsRelativeError).toBeNull();
  });
});
