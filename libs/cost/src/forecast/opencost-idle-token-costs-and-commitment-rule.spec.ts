import { dec } from '../money/money.js';
import { commitmentVerdict, deterministicMonthMoney } from './month-money.js';
import type { PreparedStep } from './supply.js';
import type { MonthFigures } from './types.js';

const rate = { cnyPerUsd: 8, asOf: '2025-11-28', source: 'test rate' };

/** Only what the money needs: prices, reserved GPUs, board power. */
const step = (reservedGpus: number, reservedCnyPerGpuHour: number, onDemandCnyPerGpuHour: number) =>
  ({ reservedGpus, reservedCnyPerGpuHour, onDemandCnyPerGpuHour, summary: { boardPowerWatts: 500 } }) as unknown as PreparedStep;

const figures = (f: Partial<MonthFigures>): MonthFigures =>
  ({
    month: 1, dau: 1_000_000, tokensPerUserPerDay: 1000, tokensPerDay: 1e9, gpusAtPeak: 0, gpuHoursPerMonth: 0, reservedGpuHoursPerMonth: 0,
    idleReservedGpuHoursPerMonth: 0, gpuCostCnyPerMonth: 0, powerCostCnyPerMonth: 0, costCnyPerMonth: 0, costCnyPerDauPerMonth: 0,
    costCnyPerMillionTokens: 0, hardwareStep: 0, onDemandGpuHoursPerMonth: 0, busyGpuHoursPerMonth: 0, prefillBusyFraction: 0, inputTokensPerDay: 0, ...f,
  }) as MonthFigures;

describe('OpenCost vocabulary on a hand-built month', () => {
  // 100 000 on-demand GPU-hours at ¥10 = ¥1 000 000; 60 000 busy → utilisation 0.6.
  // Tokens: 1e9 a day, 75 % input → 2.25e10 input and 7.5e9 output a month (22 500 M and 7 500 M).
  // Prefill takes 25 % of busy time, so 25 % of cost goes to input tokens.
  const month = figures({ gpuHoursPerMonth: 100_000, onDemandGpuHoursPerMonth: 100_000, busyGpuHoursPerMonth: 60_000, prefillBusyFraction: 0.25, inputTokensPerDay: 7.5e8 });
  const m = deterministicMonthMoney(step(0, 6, 10), month, undefined, 'CNY', rate);

  it('cost = 100 000 h × ¥10 = ¥1 000 000.00; usage cost 0.6 × that = ¥600 000.00; idle cost ¥400 000.00', () => {
    expect(m.cost.amount).toBe('1000000.00');
    expect(m.utilizationFraction).toBe(0.6);
    expect(m.usageCost.amount).toBe('600000.00');
    expect(m.idleCost.amount).toBe('400000.00');
    expect(m.idleGpuHoursPerMonth).toBe(40_000);
    expect(m.commitment).toBeNull();
  });

  it('allocation basis: input 250 000 / 22 500 = ¥11.1111 per M, output 750 000 / 7 500 = ¥100.0000 per M', () => {
    expect(m.allocationBasis.costPerMillionInputTokens!.amount).toBe('11.1111');
    expect(m.allocationBasis.costPerMillionOutputTokens!.amount).toBe('100.0000');
  });

  it('usage basis: input 150 000 / 22 500 = ¥6.6667 per M, output 450 000 / 7 500 = ¥60.0000 per M', () => {
    expect(m.usageBasis.costPerMillionInputTokens!.amount).toBe('6.6667');
    expect(m.usageBasis.costPerMillionOutputTokens!.amount).toBe('60.0000');
  });

  it('in USD at 8 CNY per USD: idle $50 000.00, output allocation $12.5000 per M', () => {
    const usd = deterministicMonthMoney(step(0, 6, 10), month, undefined, 'USD', rate);
    expect(usd.idleCost).toEqual({ currency: 'USD', amount: '50000.00' });
    expect(usd.allocationBasis.costPerMillionOutputTokens).toEqual({ currency: 'USD', amount: '12.5000' });
  });

  it('power: 500 W × PUE 1.2 × ¥0.5 per kWh = ¥0.30 per GPU-hour; 100 000 h → ¥30 000.00', () => {
    const p = deterministicMonthMoney(step(0, 6, 10), month, { pue: 1.2, cnyPerKwh: 0.5 }, 'CNY', rate);
    expect(p.powerCost.amount).toBe('30000.00');
    expect(p.cost.amount).toBe('1030000.00');
  });
});

describe('the commitment rule: reserved at discount d pays only above 1 − d utilisation', () => {
  // 10 GPUs reserved at ¥6 against ¥10 on demand: d = 0.4, break-even utilisation 0.6.
  // A 30-day month: 10 × 720 = 7 200 reserved GPU-hours costing 7 200 × 6 = ¥43 200.
  const noPower = dec(0);
  const verdict = (usedHours: number) =>
    commitmentVerdict(step(10, 6, 10), figures({ reservedGpuHoursPerMonth: 7200, idleReservedGpuHoursPerMonth: 7200 - usedHours }), noPower, 'CNY', rate)!;

  it('6.5 GPUs used on average (4 680 h, utilisation 0.65 > 0.6): pays, 4 680 × 10 − 43 200 = ¥3 600.00 saved', () => {
    const v = verdict(4680);
    expect(v.discountFraction).toBeCloseTo(0.4, 12);
    expect(v.breakEvenUtilizationFraction).toBe(0.6);
    expect(v.utilizationFraction).toBe(0.65);
    expect(v.pays).toBe(true);
    expect(v.savingsVsOnDemand.amount).toBe('3600.00');
  });

  it('5.5 used (3 960 h, 0.55 < 0.6): does not pay, 39 600 − 43 200 = −¥3 600.00', () => {
    const v = verdict(3960);
    expect(v.pays).toBe(false);
    expect(v.savingsVsOnDemand.amount).toBe('-3600.00');
  });

  it('exactly at break-even (4 320 h = 0.6): on demand costs the same ¥43 200, so it does not pay', () => {
    const v = verdict(4320);
    expect(v.pays).toBe(false);
    expect(v.savingsVsOnDemand.amount).toBe('0.00');
  });
});
