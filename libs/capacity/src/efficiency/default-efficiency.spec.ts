import { DEFAULT_EFFICIENCY, validateEfficiency } from './defaults.js';

describe('DEFAULT_EFFICIENCY, the uncalibrated roofline', () => {
  it('uses the documented datasheet-derived values (PUBLISHED.md K1–K3)', () => {
    expect(DEFAULT_EFFICIENCY).toMatchObject({
      computeEfficiencyFraction: 0.6, // below K2's 0.80 for one large GEMM
      memoryEfficiencyFraction: 0.8, // aiconfigurator's 0.8; K1 measures 0.77
      interconnectEfficiencyFraction: 0.7,
      stepOverheadSeconds: 0.002,
      provenance: 'default',
      calibrationProfileId: null,
    });
    expect(DEFAULT_EFFICIENCY.source).toMatch(/PUBLISHED\.md/);
  });

  it('cannot be mutated', () => {
    expect(Object.isFrozen(DEFAULT_EFFICIENCY)).toBe(true);
  });

  it.each([
    ['computeEfficiencyFraction', 0],
    ['memoryEfficiencyFraction', 1.01],
    ['interconnectEfficiencyFraction', Number.NaN],
    ['stepOverheadSeconds', -0.001],
  ])('rejects %s = %d', (field, value) => {
    expect(() => validateEfficiency({ ...DEFAULT_EFFICIENCY, [field]: value })).toThrow(
      new RegExp(`^efficiency\\.${field}: must be`),
    );
  });
});
