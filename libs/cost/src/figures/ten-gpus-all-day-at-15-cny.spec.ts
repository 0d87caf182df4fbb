import type { PricingSpec } from '../what-if/types.js';
import { costFigures } from './cost-figures.js';
import { gpuHourCost } from './gpu-hour-cost.js';

const at15: PricingSpec = {
  reservedCnyPerGpuHour: 15,
  onDemandCnyPerGpuHour: 15,
  reservedGpus: 0,
  cnyPerUsd: 7.5,
  listPriceCnyPerMillionInputTokens: 0,
  listPriceCnyPerMillionOutputTokens: 0,
};
const tenAllDay = Array(24).fill(10);

describe('10 GPUs for 24 h at ¥15 per GPU-hour', () => {
  it('costs 10 × 24 × 15 = ¥3 600 a day bought on demand', () => {
    const cost = gpuHourCost(tenAllDay, at15);
    expect(cost.gpuHoursPerDay).toBe(240);
    expect(cost.onDemandGpuHoursPerDay).toBe(240);
    expect(cost.reservedGpuHoursPerDay).toBe(0);
    expect(cost.costCnyPerDay).toBe(3600);
  });

  it('costs the same ¥3 600 when all 10 are reserved', () => {
    const cost = gpuHourCost(tenAllDay, { ...at15, reservedGpus: 10, onDemandCnyPerGpuHour: 99 });
    expect(cost.reservedGpuHoursPerDay).toBe(240);
    expect(cost.onDemandGpuHoursPerDay).toBe(0);
    expect(cost.costCnyPerDay).toBe(3600);
  });

  it('costs ¥108 000 a 30-day month, $480 a day at 7.5 CNY/USD, and 0 per token with no tokens', () => {
    const figures = costFigures({
      hourlyGpus: tenAllDay,
      pricing: at15,
      dailyActiveUsers: 1000,
      inputTokensPerDay: 0,
      outputTokensPerDay: 0,
      prefillShareOfBusyFraction: 0.5,
    });
    expect(figures.costCnyPer30DayMonth).toBe(108_000);
    expect(figures.costUsdPerDay).toBe(480); // 3 600 / 7.5
    expect(figures.costUsdPer30DayMonth).toBe(14_400);
    expect(figures.costCnyPerDauPerMonth).toBe(108); // 108 000 / 1 000
    expect(figures.costCnyPerMillionInputTokens).toBe(0);
    expect(figures.costCnyPerMillionOutputTokens).toBe(0);
    expect(figures.revenueCnyPerDay).toBe(0);
    expect(figures.marginFraction).toBeNull();
  });
});
