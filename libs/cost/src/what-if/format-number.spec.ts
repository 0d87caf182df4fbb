import { threeSignificantFigures } from './format-number.js';

describe('three significant figures', () => {
  it.each([
    [0.0931, '0.0931'],
    [0.04631212, '0.0463'],
    [15_399.5, '15400'],
    [1_310_205, '1310000'],
    [0.9995, '1'],
    [1.2, '1.2'],
    [-3.14159, '-3.14'],
    [0, '0'],
    [7.7e-8, '7.7e-8'],
  ])('%p → %p', (value, text) => {
    expect(threeSignificantFigures(value)).toBe(text);
  });

  it('matches String(Number(x.toPrecision(3))) on a spread of magnitudes', () => {
    // Deterministic spread: x = 1.2345678 × 7^k / 10^6 for k = 0..30 covers 1e-6 .. 1e19.
    for (let k = 0; k <= 30; k++) {
      const x = (1.2345678 * 7 ** k) / 1e6;
      expect(threeSignificantFigures(x)).toBe(String(Number(x.toPrecision(3))));
    }
  });
});
