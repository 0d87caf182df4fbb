import { validateMeasurementSet } from './validate-measurement-set.js';
import { syntheticMeasurement, syntheticMeasurementSet } from './testing/synthetic-measurements.js';

const valid = () => JSON.parse(JSON.stringify(syntheticMeasurementSet())) as Record<string, any>;

describe('validateMeasurementSet, the reader of uploaded and engine-written measurements', () => {
  it('accepts the engine schema and drops fields it does not know', () => {
    const input = valid();
    input.extra = 'ignored';
    input.measurements[0].note = 'ignored';
    const set = validateMeasurementSet(input);
    expect(set.measurements).toHaveLength(12);
    expect(set.measurements[0]).toEqual(syntheticMeasurement(0));
    expect('extra' in set).toBe(false);
  });

  it.each([
    ['a negative step time', (s: any) => (s.measurements[3].stepSeconds = -1), 'measurements[3].stepSeconds: must be a positive finite number, got -1'],
    ['a step time as text', (s: any) => (s.measurements[3].stepSeconds = '0.01'), 'measurements[3].stepSeconds: must be a positive finite number, got "0.01"'],
    ['an unknown phase', (s: any) => (s.measurements[1].phase = 'train'), 'measurements[1].phase: must be "decode" or "prefill", got "train"'],
    ['a format without a stated peak', (s: any) => (s.measurements[0].weightFormat = 'fp64'), 'measurements[0].weightFormat: hardware.peakFlopsPerSecondByFormat has no peak for "fp64"'],
    ['a decode step with tokens ≠ batch', (s: any) => (s.measurements[2].tokensInStep = 5), 'measurements[2].tokensInStep: a decode step produces one token per sequence, so must equal batchSequences (4), got 5'],
    ['top-k above the experts', (s: any) => (s.measurements[0].topK = 9), 'measurements[0].topK: must not exceed expertCount (8), got 9'],
    ['more distinct experts than exist', (s: any) => (s.measurements[0].distinctExpertsPerLayer = 9), 'measurements[0].distinctExpertsPerLayer: must not exceed expertCount (8), got 9'],
    ['a zero bandwidth', (s: any) => (s.hardware.memoryBandwidthBytesPerSecond = 0), 'hardware.memoryBandwidthBytesPerSecond: must be a positive finite number, got 0'],
    ['an unknown schema version', (s: any) => (s.schemaVersion = 2), 'schemaVersion: must be 1 (the only version this reader knows), got 2'],
    ['a missing engine', (s: any) => delete s.engine, 'engine: must be an object, got undefined'],
    ['fractional threads', (s: any) => (s.engine.threads = 1.5), 'engine.threads: must be a positive integer, got 1.5'],
    ['measurements not a list', (s: any) => (s.measurements = {}), 'measurements: must be an array, got [object Object]'],
  ])('names the field of %s', (_case, mutate, message) => {
    const input = valid();
    mutate(input);
    expect(() => validateMeasurementSet(input)).toThrow(new RangeError(message));
  });

  it('refuses a body that is not an object', () => {
    expect(() => validateMeasurementSet([1, 2])).toThrow('measurementSet: must be an object, got an array');
  });
});
