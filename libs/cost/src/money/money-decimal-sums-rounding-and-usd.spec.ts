import { DEFAULT_EXCHANGE_RATE, dec, money, moneyBand, sumDecimal, validateExchangeRate } from './money.js';

const rate = { cnyPerUsd: 7.25, asOf: '2025-11-28', source: 'test rate' };

describe('money in decimal', () => {
  it('1 000 parts of 0.1 fen (¥0.001) add up to exactly ¥1.000; a float sum drifts to 1.0000000000000007', () => {
    const parts = Array.from({ length: 1000 }, () => 0.001);
    expect(parts.reduce((s, x) => s + x, 0)).not.toBe(1);
    expect(sumDecimal(parts).toString()).toBe('1');
    // Ten 0.1 in floats: 0.9999999999999999; in decimal: 1.
    expect(sumDecimal(Array.from({ length: 10 }, () => 0.1)).eq(1)).toBe(true);
  });

  it('rounds half-up once: ¥1.005 → "1.01" (Math.round(1.005 × 100) / 100 gives 1 because 1.005 is 1.00499… as a double)', () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1);
    expect(money(1.005, 'CNY', rate).amount).toBe('1.01');
    expect(money(2.675, 'CNY', rate, 2).amount).toBe('2.68');
  });

  it('converts to USD by dividing by the dated rate: ¥58 608 / 7.25 = $8 083.862… → "8083.86" (7.25 × 8 083.86 = 58 607.985)', () => {
    expect(money(58_608, 'USD', rate)).toEqual({ currency: 'USD', amount: '8083.86' });
    expect(money(58_608, 'CNY', rate)).toEqual({ currency: 'CNY', amount: '58608.00' });
    // Unit costs keep four places: ¥1 / 7.25 = $0.137931… → "0.1379".
    expect(moneyBand({ p10: 1, p50: 1, p90: 1, mean: 1 }, 'USD', rate, 4).p50).toBe('0.1379');
  });

  it('a total is converted from the exact CNY sum: 3 × ¥58 608 = ¥175 824 → $24 251.59, not 3 × $8 083.86 = $24 251.58', () => {
    expect(money(sumDecimal([58_608, 58_608, 58_608]), 'USD', rate).amount).toBe('24251.59');
    expect(dec(8083.86).times(3).toFixed(2)).toBe('24251.58');
  });

  it('the default rate is dated and sourced; a rate without a real date or a positive value is refused naming the field', () => {
    expect(() => validateExchangeRate(DEFAULT_EXCHANGE_RATE)).not.toThrow();
    expect(DEFAULT_EXCHANGE_RATE.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(() => validateExchangeRate({ ...rate, asOf: '2025-02-30' })).toThrow(/^exchangeRate\.asOf: /);
    expect(() => validateExchangeRate({ ...rate, asOf: '28/11/2025' })).toThrow(/^exchangeRate\.asOf: /);
    expect(() => validateExchangeRate({ ...rate, cnyPerUsd: 0 })).toThrow(/^exchangeRate\.cnyPerUsd: /);
    expect(() => validateExchangeRate({ ...rate, source: ' ' })).toThrow(/^exchangeRate\.source: /);
  });
});
