import type { PricingSpec } from '../what-if/types.js';
import { costFigures, type CostFiguresInput } from './cost-figures.js';

// 100 GPUs all day on demand at ¥12, serving 10 000 DAU who send 9 000 M input and 1 000 M
// output tokens a day, sold at ¥4 / ¥16 per million; prefill takes a quarter of the busy time.
const pricing: PricingSpec = {
  reservedCnyPerGpuHour: 8,
  onDemandCnyPerGpuHour: 12,
  reservedGpus: 0,
  cnyPerUsd: 7.2,
  listPriceCnyPerMillionInputTokens: 4,
  listPriceCnyPerMillionOutputTokens: 16,
};
const input: CostFiguresInput = {
  hourlyGpus: Array(24).fill(100),
  pricing,
  dailyActiveUsers: 10_000,
  inputTokensPerDay: 9e9,
  outputTokensPerDay: 1e9,
  prefillShareOfBusyFraction: 0.25,
};

describe('100 GPUs, 10 000 DAU, ¥4 / ¥16 list prices', () => {
  const figures = costFigures(input);

  it('costs 100 × 24 × 12 = ¥28 800 a day, ¥864 000 a month, ¥86.4 per DAU per month', () => {
    expect(figures.costCnyPerDay).toBe(28_800);
    expect(figures.costCnyPer30DayMonth).toBe(864_000);
    expect(figures.costCnyPerDauPerMonth).toBeCloseTo(86.4, 10);
    // 86.4 / 7.2 = $12 per DAU per month
    expect(figures.costUsdPerDauPerMonth).toBeCloseTo(12, 10);
    expect(figures.costUsdPerDay).toBeCloseTo(4000, 8);
  });

  it('charges input tokens a quarter of the cost and output tokens three quarters', () => {
    // 28 800 × 0.25 / 9 000 M = ¥0.8 per M input; 28 800 × 0.75 / 1 000 M = ¥21.6 per M output
    expect(figures.costCnyPerMillionInputTokens).toBeCloseTo(0.8, 10);
    expect(figures.costCnyPerMillionOutputTokens).toBeCloseTo(21.6, 10);
  });

  it('earns 9 000 × 4 + 1 000 × 16 = ¥52 000 a day: margin (52 000 − 28 800) / 52 000 = 0.446', () => {
    expect(figures.revenueCnyPerDay).toBe(52_000);
    expect(figures.marginFraction).toBeCloseTo(23_200 / 52_000, 12);
  });

  it('shows a negative margin when list prices fall below cost', () => {
    const cheap = costFigures({ ...input, pricing: { ...pricing, listPriceCnyPerMillionInputTokens: 1, listPriceCnyPerMillionOutputTokens: 2 } });
    // revenue 9 000 + 2 000 = 11 000; margin (11 000 − 28 800) / 11 000 = −1.618
    expect(cheap.marginFraction).toBeCloseTo(-17_800 / 11_000, 12);
  });

  it('rejects a busy share outside [0, 1] and a DAU of zero', () => {
    expect(() => costFigures({ ...input, prefillShareOfBusyFraction: 1.2 })).toThrow(
      new RangeError('prefillShareOfBusyFraction: must be a fraction in [0, 1], got 1.2'),
    );
    expect(() => costFigures({ ...input, dailyActiveUsers: 0 })).toThrow(new RangeError('dailyActiveUsers: must be a finite number > 0, got 0'));
  });
});
