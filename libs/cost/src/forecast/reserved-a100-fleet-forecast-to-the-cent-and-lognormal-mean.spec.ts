import { lognormalMuForMean } from '../random/seeded-random.js';
import { runForecast } from './forecast.js';
import type { ForecastSpec } from './types.js';

/*
 * kimi-2024 INT8 on A100-80GB (400 W board power), a constant 10 000 DAU × 100 000 tokens: the
 * replicas never need more than 8 GPUs (two TP-4 replicas), and 8 GPUs are reserved, so every
 * month pays exactly the reservation, whatever the hourly shape.
 */
const zeroVariance: ForecastSpec = {
  scenario: {
    model: 'kimi-2024',
    gpu: 'a100-80gb',
    quantization: { weights: 'int8-w8a16', kvCache: 'bf16' },
    pricing: { reservedGpus: 8, reservedCnyPerGpuHour: 9.87, onDemandCnyPerGpuHour: 14.81 },
  },
  months: 3,
  growth: { kind: 'linear', startDau: 10_000, dauPerMonth: 0 },
  power: { pue: 1.25, cnyPerKwh: 0.61 },
  tokensPerUser: { uncertaintySigma: 0 },
  uncertainty: { growthRateSigma: 0, gpuHourPriceSigma: 0, efficiencySigma: 0 },
  samples: 5,
  seed: 3,
};

describe('a reserved 8 × A100 fleet, zero variance', () => {
  const result = runForecast(zeroVariance);

  it('equals reserved GPU-hours × price + power, to the cent, every month', () => {
    // GPU: 8 GPUs × 24 h × 30 days = 5 760 h; 5 760 × ¥9.87 = ¥56 851.20.
    // Power: 0.4 kW × 1.25 × ¥0.61 = ¥0.305 per GPU-hour; 5 760 × 0.305 = ¥1 756.80.
    // Month: ¥58 608.00. Three months: ¥175 824.00.
    for (const m of result.months) {
      expect(m.deterministic.gpusAtPeak).toBeLessThanOrEqual(8);
      expect(m.money.deterministic.gpuCost.amount).toBe('56851.20');
      expect(m.money.deterministic.powerCost.amount).toBe('1756.80');
      expect(m.money.deterministic.cost).toEqual({ currency: 'CNY', amount: '58608.00' });
      expect(m.money.costPerMonth).toEqual({ currency: 'CNY', p10: '58608.00', p50: '58608.00', p90: '58608.00', mean: '58608.00' });
      expect(m.costCnyPerMonth.p50).toBe(58_608);
      // Per DAU: 58 608 / 10 000 = ¥5.8608. Per M tokens: 58 608 / (1e9 × 30 / 1e6 = 30 000) = ¥1.9536.
      expect(m.money.deterministic.costPerDauPerMonth.amount).toBe('5.8608');
      expect(m.money.deterministic.costPerMillionTokens!.amount).toBe('1.9536');
    }
    expect(result.money.deterministicTotalCost.amount).toBe('175824.00');
    expect(result.money.totalCost.p50).toBe('175824.00');
    expect(result.totalCostCny.p50).toBe(175_824);
  });

  it('the commitment: break-even utilisation 9.87 + 0.305 over 14.81 + 0.305 = 10.175 / 15.115 = 0.67317…', () => {
    const c = result.months[0]!.money.deterministic.commitment!;
    expect(c.reservedGpuHoursPerMonth).toBe(5760);
    expect(c.breakEvenUtilizationFraction).toBeCloseTo(10.175 / 15.115, 12);
    expect(c.pays).toBe(c.utilizationFraction > 10.175 / 15.115);
    // Savings: used hours × ¥15.115 − 5 760 × ¥10.175 (= ¥58 608.00).
    const used = c.usedReservedGpuHoursPerMonth;
    expect(Number(c.savingsVsOnDemand.amount)).toBeCloseTo(used * 15.115 - 58_608, 2);
  });

  it('idle + usage = cost, and allocation-basis token costs are above usage-basis ones', () => {
    const d = result.months[0]!.money.deterministic;
    expect(Number(d.idleCost.amount) + Number(d.usageCost.amount)).toBeCloseTo(58_608, 2);
    expect(d.utilizationFraction).toBeGreaterThan(0);
    expect(d.utilizationFraction).toBeLessThan(1);
    expect(Number(d.allocationBasis.costPerMillionInputTokens!.amount)).toBeGreaterThan(Number(d.usageBasis.costPerMillionInputTokens!.amount));
    expect(Number(d.allocationBasis.costPerMillionOutputTokens!.amount)).toBeGreaterThan(Number(d.usageBasis.costPerMillionOutputTokens!.amount));
  });

  it('in USD at a dated 7.25: month $8 083.86 (58 608 / 7.25 = 8 083.862…), total $24 251.59 from the exact CNY sum (175 824 / 7.25 = 24 251.586…)', () => {
    const usd = runForecast({ ...zeroVariance, currency: 'USD', exchangeRate: { cnyPerUsd: 7.25, asOf: '2025-11-28', source: 'test fixing' } });
    expect(usd.reportingCurrency).toBe('USD');
    expect(usd.exchangeRate).toEqual({ cnyPerUsd: 7.25, asOf: '2025-11-28', source: 'test fixing' });
    expect(usd.cnyPerUsd).toBe(7.25);
    expect(usd.months[0]!.money.deterministic.cost).toEqual({ currency: 'USD', amount: '8083.86' });
    expect(usd.money.deterministicTotalCost).toEqual({ currency: 'USD', amount: '24251.59' });
    // The CNY number fields do not move with the reporting currency.
    expect(usd.months[0]!.costCnyPerMonth.p50).toBe(58_608);
  });

  it('all on demand at ¥12.345: cost = each month’s GPU-hours × 12.345, in integer tenths of a fen', () => {
    const onDemand = runForecast({ ...zeroVariance, power: undefined, scenario: { ...zeroVariance.scenario, pricing: { reservedGpus: 0, reservedCnyPerGpuHour: 8.23, onDemandCnyPerGpuHour: 12.345 } } });
    for (const m of onDemand.months) {
      const hours = BigInt(m.deterministic.gpuHoursPerMonth);
      expect(m.deterministic.gpuHoursPerMonth).toBe(m.deterministic.onDemandGpuHoursPerMonth);
      // 12.345 ¥/h = 12 345 tenths of a fen per hour (1 fen = ¥0.01); a whole number of hours → whole tenths of a fen.
      const tenthsOfFen = hours * 12_345n;
      const fen = (tenthsOfFen + 5n) / 10n;
      expect(m.money.deterministic.cost.amount).toBe(`${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`);
      expect(m.money.deterministic.commitment).toBeNull();
    }
  });

  it('refuses a rate that contradicts the scenario, and an unknown currency, naming the field', () => {
    const withRate = { ...zeroVariance, scenario: { ...zeroVariance.scenario, pricing: { ...zeroVariance.scenario.pricing, cnyPerUsd: 7.1 } } };
    expect(() => runForecast(withRate)).toThrow(/^exchangeRate: required/);
    expect(() => runForecast({ ...withRate, exchangeRate: { cnyPerUsd: 7.2, asOf: '2025-11-28', source: 'x' } })).toThrow(/^exchangeRate\.cnyPerUsd: /);
    expect(runForecast({ ...withRate, exchangeRate: { cnyPerUsd: 7.1, asOf: '2025-11-28', source: 'x' } }).cnyPerUsd).toBe(7.1);
    expect(() => runForecast({ ...zeroVariance, currency: 'EUR' as never })).toThrow(/^currency: /);
  });
});

describe('Monte Carlo over tokens per user', () => {
  it('N = 100 000: the sample mean of the lognormal is within 1 % of its analytic mean 100 000, the median within 1 % of e^μ', () => {
    // σ = 0.5: μ = ln(100 000) − σ²/2 = 11.5129 − 0.125; median e^μ = 100 000 × e^−0.125 = 88 249.69.
    // Standard error of the mean: 100 000 × √(e^0.25 − 1) / √100 000 = 0.17 %, so 1 % is about 6 standard errors.
    const sigma = 0.5;
    const r = runForecast({
      ...zeroVariance,
      months: 1,
      tokensPerUser: { meanTokensPerUserPerDay: 100_000, uncertaintySigma: sigma },
      samples: 100_000,
      seed: 11,
    });
    const band = r.months[0]!.tokensPerUserPerDay;
    expect(Math.abs(band.mean / 100_000 - 1)).toBeLessThan(0.01);
    expect(Math.exp(lognormalMuForMean(100_000, sigma))).toBeCloseTo(88_249.69, 1);
    expect(Math.abs(band.p50 / 88_249.69 - 1)).toBeLessThan(0.01);
  });

  it('the same seed gives byte-identical JSON, in USD too', () => {
    const spec: ForecastSpec = { ...zeroVariance, currency: 'USD', tokensPerUser: { uncertaintySigma: 0.3 }, uncertainty: {}, samples: 3000, seed: 42 };
    const a = JSON.stringify(runForecast(spec));
    expect(JSON.stringify(runForecast(spec))).toBe(a);
    expect(JSON.stringify(runForecast({ ...spec, seed: 43 }))).not.toBe(a);
  });
});
