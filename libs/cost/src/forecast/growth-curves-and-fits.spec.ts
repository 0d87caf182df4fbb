import { fitGrowth } from './fit-growth.js';
import { dauAtMonth, growthSeries } from './growth.js';
import { percentileSorted } from './percentile.js';

describe('growth curves over months', () => {
  it('exponential 10 %/month from 100 000: month 12 = 100 000 × 1.1^12 = 313 842.8', () => {
    // 1.1^12 = 3.138428376721; × 100 000 = 313 842.84
    expect(dauAtMonth({ kind: 'exponential', startDau: 100_000, monthlyGrowthFraction: 0.1 }, 12)).toBeCloseTo(313_842.84, 1);
  });

  it('linear +50 000/month from 100 000: month 12 = 700 000; the series has one value per month 1..N', () => {
    const series = growthSeries({ kind: 'linear', startDau: 100_000, dauPerMonth: 50_000 }, 12);
    expect(series).toHaveLength(12);
    expect(series[0]).toBe(150_000);
    expect(series[11]).toBe(700_000);
  });

  it('logistic to a 1 M ceiling from 100 000 at r = 0.5: month 10 = 1e6 / (1 + 9·e^−5) ≈ 942 825.6, never above the ceiling', () => {
    // e^−5 = 0.006737947; 1 + 9 × 0.006737947 = 1.060641523; 1e6 / 1.060641523 = 942 825.6 (1.060641523 × 0.9428256 = 1.0000000)
    const curve = { kind: 'logistic', startDau: 100_000, ceilingDau: 1_000_000, monthlyGrowthRate: 0.5 } as const;
    expect(dauAtMonth(curve, 10)).toBeCloseTo(942_825.6, 0);
    expect(dauAtMonth(curve, 0)).toBeCloseTo(100_000, 6);
    expect(dauAtMonth(curve, 60)).toBeLessThanOrEqual(1_000_000);
  });

  it('refuses a bad curve naming the field', () => {
    expect(() => growthSeries({ kind: 'exponential', startDau: 0, monthlyGrowthFraction: 0.1 }, 12)).toThrow(/^growth\.startDau: /);
    expect(() => growthSeries({ kind: 'logistic', startDau: 100, ceilingDau: 50, monthlyGrowthRate: 0.1 }, 12)).toThrow(/^growth\.ceilingDau: /);
    expect(() => growthSeries({ kind: 'linear', startDau: 100, dauPerMonth: 1 }, 0)).toThrow(/^months: /);
  });
});

describe('fitting a monthly DAU history', () => {
  it('a perfect line 100, 200, 300, 400 fits linear with slope 100, R² = 1, anchored at the last month (400)', () => {
    const fit = fitGrowth([100, 200, 300, 400], 'linear');
    expect(fit.rSquared).toBeCloseTo(1, 12);
    expect(fit.curve).toEqual({ kind: 'linear', startDau: expect.closeTo(400, 9), dauPerMonth: expect.closeTo(100, 9) });
  });

  it('100 × 1.2^t for t = 0..5 fits exponential with a growth of 20 %/month and R² = 1', () => {
    const history = [0, 1, 2, 3, 4, 5].map((t) => 100 * 1.2 ** t);
    const fit = fitGrowth(history, 'exponential');
    expect(fit.rSquared).toBeCloseTo(1, 12);
    if (fit.curve.kind !== 'exponential') throw new Error('kind');
    expect(fit.curve.monthlyGrowthFraction).toBeCloseTo(0.2, 10);
    expect(fit.curve.startDau).toBeCloseTo(100 * 1.2 ** 5, 6);
  });

  it('a logistic history with ceiling 1000, r = 0.4 is recovered exactly given the ceiling, and closely by the grid', () => {
    const truth = (t: number) => 1000 / (1 + 9 * Math.exp(-0.4 * t));
    const history = Array.from({ length: 12 }, (_, t) => truth(t));
    const given = fitGrowth(history, 'logistic', 1000);
    expect(given.rSquared).toBeCloseTo(1, 12);
    if (given.curve.kind !== 'logistic') throw new Error('kind');
    expect(given.curve.monthlyGrowthRate).toBeCloseTo(0.4, 10);
    const searched = fitGrowth(history, 'logistic');
    expect(searched.rSquaredDau).toBeGreaterThan(0.999);
    if (searched.curve.kind !== 'logistic') throw new Error('kind');
    // Grid steps are (20 / 1.05)^(1/200) ≈ 1.5 % apart: the best ceiling lies within one step of 1000.
    expect(Math.abs(searched.curve.ceilingDau / 1000 - 1)).toBeLessThan(0.03);
  });

  it('a noisy line has R² below 1', () => {
    expect(fitGrowth([100, 260, 280, 420, 480], 'linear').rSquared).toBeLessThan(0.99);
  });

  it('refuses short or non-positive histories and a ceiling below the data, naming the field', () => {
    expect(() => fitGrowth([1, 2], 'linear')).toThrow(/^history: /);
    expect(() => fitGrowth([1, 0, 2], 'exponential')).toThrow(/^history\[1\]: /);
    expect(() => fitGrowth([1, 2, 3], 'logistic', 2)).toThrow(/^ceilingDau: /);
  });
});

describe('percentiles of a known sample (type 7)', () => {
  it('[1, 2, 3, 4, 5]: P10 = 1 + 0.4 × 1 = 1.4, P50 = 3, P90 = 4.6', () => {
    const sorted = [1, 2, 3, 4, 5];
    expect(percentileSorted(sorted, 0.1)).toBeCloseTo(1.4, 12);
    expect(percentileSorted(sorted, 0.5)).toBe(3);
    expect(percentileSorted(sorted, 0.9)).toBeCloseTo(4.6, 12);
  });
  it('1..100: P10 = 1 + 0.1 × 99 = 10.9', () => {
    expect(percentileSorted(Array.from({ length: 100 }, (_, i) => i + 1), 0.1)).toBeCloseTo(10.9, 12);
  });
});
