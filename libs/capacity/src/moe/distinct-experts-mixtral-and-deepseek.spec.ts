import { distinctExpertsTouched } from './distinct-experts.js';

// Expected values: E × (1 − (1 − k/E)^n) evaluated by hand to 10+ digits (decimal arithmetic).
describe('distinct experts touched per layer, uniform routing', () => {
  describe('Mixtral (E = 8, k = 2): 1 − k/E = 0.75', () => {
    it.each([
      [1, 2], // 8 × 0.25
      [8, 7.1990966796875], // 0.75^8 = 0.1001129150390625
      [64, 7.99999991927448], // 0.75^64 = 1.00906e-8
      [512, 8],
    ])('n = %d tokens touch %d experts', (tokens, expected) => {
      expect(distinctExpertsTouched(8, 2, tokens)).toBeCloseTo(expected, 9);
    });
  });

  describe('DeepSeek-V3 (E = 256, k = 8): 1 − k/E = 0.96875', () => {
    it.each([
      [1, 8],
      [8, 57.4208307859953], // 0.96875^8 = 0.775699...
      [64, 222.44248768551], // 0.96875^64 = 0.131084...
      [512, 255.999977682872], // 0.96875^512 = 8.72e-8
    ])('n = %d tokens touch %d experts', (tokens, expected) => {
      expect(distinctExpertsTouched(256, 8, tokens)).toBeCloseTo(expected, 8);
    });
  });

  it('touches nothing with no tokens and everything when k = E', () => {
    expect(distinctExpertsTouched(8, 2, 0)).toBe(0);
    expect(distinctExpertsTouched(8, 8, 1)).toBe(8);
    expect(distinctExpertsTouched(8, 8, 0)).toBe(0);
  });

  it('accepts a fractional mean token count and grows with it', () => {
    const a = distinctExpertsTouched(8, 2, 1.5);
    expect(a).toBeGreaterThan(2);
    expect(a).toBeLessThan(distinctExpertsTouched(8, 2, 2));
  });

  it.each([
    [0, 1, 1, /numExperts: must be a positive integer/],
    [8, 0, 1, /topK: must be a positive integer/],
    [8, 9, 1, /topK: must not exceed numExperts \(8\), got 9/],
    [8, 2, -1, /tokens: must be a non-negative finite number, got -1/],
    [8, 2, Number.NaN, /tokens/],
  ])('rejects E=%d k=%d n=%d', (e, k, n, message) => {
    expect(() => distinctExpertsTouched(e, k, n)).toThrow(RangeError);
    expect(() => distinctExpertsTouched(e, k, n)).toThrow(message);
  });
});
