import { evaluateWhatIf } from '../what-if/evaluate-what-if.js';
import { affordableGpus } from './affordable-gpus.js';
import { compareForecasts } from './compare.js';
import { budgetVerdict, deterministicMonths, prepareForecast, runForecast, unitEconomics } from './forecast.js';
import { forecastSensitivity } from './sensitivity.js';
import type { ForecastMonth, ForecastSpec, MonthFigures } from './types.js';

/*
 * The source report's question as a forecast: kimi-2024 INT8 on A100-80GB, DAU growing 10 %/month
 * from 320 000 (≈ 1 M by month 12: 320 000 × 1.1^12 = 1 004 297), 100 000 tokens per user per day.
 */
const scenario = { model: 'kimi-2024', gpu: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' } } as const;
const base: ForecastSpec = {
  scenario,
  months: 12,
  growth: { kind: 'exponential', startDau: 320_000, monthlyGrowthFraction: 0.1 },
  samples: 2000,
  seed: 7,
};
const zeroVariance: ForecastSpec = {
  ...base,
  samples: 1,
  tokensPerUser: { uncertaintySigma: 0 },
  uncertainty: { growthRateSigma: 0, gpuHourPriceSigma: 0, efficiencySigma: 0 },
};

describe('kimi-2024 INT8 on A100-80GB growing 10 %/month to 1 M DAU', () => {
  it('zero variance: month 12 equals the what-if capacity × price arithmetic at that DAU, to the cent', () => {
    const result = runForecast(zeroVariance);
    const dau12 = 320_000 * 1.1 ** 12;
    const whatIf = evaluateWhatIf({ ...scenario, workload: { dailyActiveUsers: dau12, tokensPerUserPerDay: 100_000 } });
    const m12 = result.months[11]!;
    expect(m12.dau.p50).toBeCloseTo(1_004_297.1, 0);
    expect(m12.gpusAtPeak.p50).toBe(whatIf.atPeak.gpus);
    // The what-if plan: Σ hourly GPUs × ¥12.96 × 1.5 on demand (no reserved GPUs) × 30 days.
    const hand = whatIf.hourly.reduce((s, h) => s + h.gpus, 0) * 12.96 * 1.5 * 30;
    expect(m12.costCnyPerMonth.p50).toBeCloseTo(hand, 2);
    expect(m12.costCnyPerMonth.p50).toBeCloseTo(whatIf.cost.costCnyPer30DayMonth, 2);
    expect(m12.costCnyPerMonth.p10).toBe(m12.costCnyPerMonth.p90);
    expect(m12.deterministic.costCnyPerMonth).toBeCloseTo(whatIf.cost.costCnyPer30DayMonth, 6);
  });

  it('gives P10 ≤ P50 ≤ P90 each month, uncertainty widening with the horizon', () => {
    const result = runForecast(base);
    for (const m of result.months) {
      for (const key of ['dau', 'gpusAtPeak', 'costCnyPerMonth', 'costCnyPerDauPerMonth', 'costCnyPerMillionTokens'] as const) {
        expect(m[key].p10).toBeLessThanOrEqual(m[key].p50);
        expect(m[key].p50).toBeLessThanOrEqual(m[key].p90);
      }
    }
    const spread = (m: ForecastMonth) => m.dau.p90 / m.dau.p10;
    expect(spread(result.months[11]!)).toBeGreaterThan(spread(result.months[0]!));
    expect(result.totalCostCny.p90).toBeGreaterThan(result.totalCostCny.p10);
  });

  it('same seed → byte-identical JSON; another seed → different', () => {
    const a = JSON.stringify(runForecast(base));
    expect(JSON.stringify(runForecast(base))).toBe(a);
    expect(JSON.stringify(runForecast({ ...base, seed: 8 }))).not.toBe(a);
  });

  it('tokens per user: mean of the lognormal over samples ≈ 100 000 within 1 % (σ 0.3, N = 20 000)', () => {
    const result = runForecast({ ...base, months: 1, samples: 20_000 });
    // Relative SE = sqrt(e^0.09 − 1)/sqrt(20 000) = 0.307/141 ≈ 0.22 %; 1 % ≈ 4.6 SE.
    expect(Math.abs(result.months[0]!.tokensPerUserPerDay.mean / 100_000 - 1)).toBeLessThan(0.01);
    // Median exp(μ) = 100 000 × e^−0.045 = 95 600 < mean: heavy users pull the mean up.
    expect(result.months[0]!.tokensPerUserPerDay.p50).toBeLessThan(100_000);
  });

  it('cost is non-decreasing in DAU and tokens per user, and scales with the GPU-hour price', () => {
    const p = prepareForecast(zeroVariance);
    const d = deterministicMonths(p);
    for (let i = 1; i < d.length; i++) expect(d[i]!.costCnyPerMonth).toBeGreaterThanOrEqual(d[i - 1]!.costCnyPerMonth);
    let previous = 0;
    for (const tokens of [20_000, 50_000, 100_000, 150_000, 300_000]) {
      const cost = deterministicMonths(prepareForecast({ ...zeroVariance, tokensPerUser: { uncertaintySigma: 0, meanTokensPerUserPerDay: tokens } }))[11]!.costCnyPerMonth;
      expect(cost).toBeGreaterThanOrEqual(previous);
      previous = cost;
    }
    const cheaper = deterministicMonths(prepareForecast({ ...zeroVariance, scenario: { ...scenario, pricing: { reservedCnyPerGpuHour: 12.96 / 2 } } }));
    expect(cheaper[11]!.costCnyPerMonth).toBeCloseTo(d[11]!.costCnyPerMonth / 2, 4);
  });

  it('a hardware step to INT4 from month 6 lowers GPUs from month 6 on', () => {
    const stepped = runForecast({ ...zeroVariance, hardwareSteps: [{ fromMonth: 6, quantization: { weights: 'int4-w4a16', kvCache: 'bf16' } }] });
    const flat = runForecast(zeroVariance);
    expect(stepped.hardware).toHaveLength(2);
    expect(stepped.months[4]!.deterministic.hardwareStep).toBe(0);
    expect(stepped.months[5]!.deterministic.hardwareStep).toBe(1);
    expect(stepped.months[4]!.gpusAtPeak.p50).toBe(flat.months[4]!.gpusAtPeak.p50);
    expect(stepped.months[11]!.gpusAtPeak.p50).toBeLessThan(flat.months[11]!.gpusAtPeak.p50);
  });

  it('power: paid GPU-hours × 0.4 kW × PUE 1.3 × ¥0.6/kWh on top of the GPU cost', () => {
    const withPower = deterministicMonths(prepareForecast({ ...zeroVariance, power: { pue: 1.3, cnyPerKwh: 0.6 } }))[11]!;
    expect(withPower.powerCostCnyPerMonth).toBeCloseTo(withPower.gpuHoursPerMonth * 0.4 * 1.3 * 0.6, 6);
    expect(withPower.costCnyPerMonth).toBeCloseTo(withPower.gpuCostCnyPerMonth + withPower.powerCostCnyPerMonth, 6);
  });

  it('reserved GPUs: paid all day at the reserved price, idle hours counted', () => {
    const m = deterministicMonths(prepareForecast({ ...zeroVariance, scenario: { ...scenario, pricing: { reservedGpus: 4000 } } }))[0]!;
    expect(m.reservedGpuHoursPerMonth).toBe(4000 * 24 * 30);
    expect(m.idleReservedGpuHoursPerMonth).toBeGreaterThan(0);
  });

  it('refuses bad fields by name', () => {
    expect(() => runForecast({ ...base, samples: 0 })).toThrow(/^samples: /);
    expect(() => runForecast({ ...base, months: 61 })).toThrow(/^months: /);
    expect(() => runForecast({ ...base, hardwareSteps: [{ fromMonth: 1 }] })).toThrow(/^hardwareSteps\[0\]\.fromMonth: /);
    expect(() => runForecast({ ...base, hardwareSteps: [{ fromMonth: 3, gpu: 'nope' }] })).toThrow(/^hardwareSteps\[0\]\.gpu: /);
    expect(() => runForecast({ ...base, power: { pue: 0.5, cnyPerKwh: 1 } })).toThrow(/^power\.pue: /);
  });
});

describe('sensitivity of cost per user (tornado, elasticities)', () => {
  const s = forecastSensitivity(zeroVariance, { swingFraction: 0.2 });
  const bar = (input: string) => s.tornado.find((b) => b.input === input)!;

  it('GPU-hour price ±20 %: cost per user moves ±20 %, elasticity exactly 1 (no power cost)', () => {
    // ((1.2 − 0.8) × c / c) / (2 × 0.2) = 1
    expect(bar('gpuHourPrice').elasticity).toBeCloseTo(1, 9);
    expect(bar('gpuHourPrice').costCnyPerDauPerMonthAtHigh).toBeCloseTo(1.2 * s.centralCostCnyPerDauPerMonth, 6);
  });

  it('efficiency: elasticity ≈ (1/1.2 − 1/0.8)/0.4 = −1.04 (replica rounding within ±5 %)', () => {
    expect(bar('efficiency').elasticity).toBeCloseTo(-1.0417, 1);
  });

  it('power price and tokens-per-user growth have zero width when absent; bars are sorted widest first', () => {
    expect(bar('powerPrice').swingCnyPerDauPerMonth).toBe(0);
    expect(bar('tokensPerUserGrowth').swingCnyPerDauPerMonth).toBe(0);
    for (let i = 1; i < s.tornado.length; i++) expect(s.tornado[i - 1]!.swingCnyPerDauPerMonth).toBeGreaterThanOrEqual(s.tornado[i]!.swingCnyPerDauPerMonth);
  });
});

describe('unit economics, affordable GPUs and budgets (hand figures)', () => {
  const figures: MonthFigures = {
    month: 12, dau: 1_000_000, tokensPerUserPerDay: 100_000, tokensPerDay: 1e11, gpusAtPeak: 0, gpuHoursPerMonth: 0,
    reservedGpuHoursPerMonth: 0, idleReservedGpuHoursPerMonth: 0, gpuCostCnyPerMonth: 3_000_000, powerCostCnyPerMonth: 0,
    costCnyPerMonth: 3_000_000, costCnyPerDauPerMonth: 3, costCnyPerMillionTokens: 1, hardwareStep: 0,
    onDemandGpuHoursPerMonth: 0, busyGpuHoursPerMonth: 0, prefillBusyFraction: 0, inputTokensPerDay: 0,
  };

  it('¥3 M a month over 1e11 × 30 / 1e6 = 3 000 000 M tokens → ¥1 per M tokens, ¥3 per subscriber; margin at ¥4 list = 75 %', () => {
    const u = unitEconomics(figures, 4);
    expect(u.breakEvenCnyPerMillionTokens).toBe(1);
    expect(u.breakEvenCnyPerSubscriberPerMonth).toBe(3);
    expect(u.marginFraction).toBeCloseTo(0.75, 12);
    expect(unitEconomics(figures, 4, 0.1).breakEvenCnyPerSubscriberPerMonth).toBe(30);
  });

  it('"¥50–60 per user" at 1 M DAU on A100 at ¥12.96/h buys 50e6/9331.2 = 5 358 to 60e6/9331.2 = 6 430 GPUs', () => {
    expect(affordableGpus(50, 1_000_000, 12.96).gpus).toBe(5358);
    expect(affordableGpus(60, 1_000_000, 12.96).gpus).toBe(6430);
    expect(() => affordableGpus(0, 1, 1)).toThrow(/^cnyPerUserPerMonth: /);
  });

  it('budget: months whose P50 / P90 exceed it and the DAU it pays for', () => {
    const month = (m: number, p50: number, p90: number, perDau: number) =>
      ({ month: m, costCnyPerMonth: { p10: 0, p50, p90, mean: p50 }, costCnyPerDauPerMonth: { p10: 0, p50: perDau, p90: 0, mean: 0 } }) as unknown as ForecastMonth;
    const v = budgetVerdict([month(1, 50, 90, 1), month(2, 80, 120, 1), month(3, 120, 150, 1.2)], [100]);
    expect(v.monthsP90OverBudget).toEqual([2, 3]);
    expect(v.monthsP50OverBudget).toEqual([3]);
    expect(v.firstMonthP50OverBudget).toBe(3);
    // ¥100 ÷ ¥1.2 per DAU = 83.3 → 83 users.
    expect(v.dauAtBudgetRunOut).toBe(83);
  });
});

describe('comparing two forecasts', () => {
  it('B = A with the GPU-hour price doubled: the whole difference (= A\'s total) goes to scenario.pricing', () => {
    const b: ForecastSpec = { ...zeroVariance, scenario: { ...scenario, pricing: { reservedCnyPerGpuHour: 2 * 12.96 } } };
    const c = compareForecasts(zeroVariance, b);
    expect(c.attribution.map((x) => x.input)).toEqual(['scenario.pricing']);
    expect(c.differenceTotalCostCny).toBeCloseTo(c.a.totalCostCny, 4);
    expect(c.interactionTotalCostCny).toBeCloseTo(0, 4);
  });

  it('two changed inputs are each attributed; the rest is interaction', () => {
    const b: ForecastSpec = { ...zeroVariance, growth: { kind: 'exponential', startDau: 320_000, monthlyGrowthFraction: 0.15 }, scenario: { ...scenario, quantization: { weights: 'int4-w4a16', kvCache: 'bf16' } } };
    const c = compareForecasts(zeroVariance, b);
    expect(c.attribution.map((x) => x.input).sort()).toEqual(['growth', 'scenario.quantization']);
    expect(c.attribution.find((x) => x.input === 'growth')!.deltaTotalCostCny).toBeGreaterThan(0);
    expect(c.attribution.find((x) => x.input === 'scenario.quantization')!.deltaTotalCostCny).toBeLessThan(0);
    expect(c.attribution.reduce((s, x) => s + x.deltaTotalCostCny, 0) + c.interactionTotalCostCny).toBeCloseTo(c.differenceTotalCostCny, 4);
  });
});
