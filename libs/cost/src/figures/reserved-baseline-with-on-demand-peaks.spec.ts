import type { PricingSpec } from '../what-if/types.js';
import { gpuHourCost } from './gpu-hour-cost.js';

// 8 GPUs reserved at ¥10 / h; a plan of 6 GPUs for hours 0-7, 8 for 8-15 and 12 for 16-23,
// the peaks above 8 bought on demand at ¥15 / h.
const pricing: PricingSpec = {
  reservedCnyPerGpuHour: 10,
  onDemandCnyPerGpuHour: 15,
  reservedGpus: 8,
  cnyPerUsd: 7.2,
  listPriceCnyPerMillionInputTokens: 4,
  listPriceCnyPerMillionOutputTokens: 16,
};
const plan = [...Array(8).fill(6), ...Array(8).fill(8), ...Array(8).fill(12)];

describe('8 reserved GPUs with on-demand peaks', () => {
  const cost = gpuHourCost(plan, pricing);

  it('pays the reserved 8 every hour, idle or not: 8 × 24 = 192 GPU-hours, ¥1 920', () => {
    expect(cost.reservedGpuHoursPerDay).toBe(192);
    expect(cost.reservedCostCnyPerDay).toBe(1920);
  });

  it('buys (12 − 8) × 8 = 32 on-demand GPU-hours for the evening, ¥480', () => {
    expect(cost.onDemandGpuHoursPerDay).toBe(32);
    expect(cost.onDemandCostCnyPerDay).toBe(480);
  });

  it('pays for 224 GPU-hours (¥2 400) while using 6×8 + 8×8 + 12×8 = 208', () => {
    expect(cost.gpuHoursPerDay).toBe(224);
    expect(cost.usedGpuHoursPerDay).toBe(208);
    expect(cost.costCnyPerDay).toBe(2400);
  });

  it('rejects a plan that is not 24 hours or has a negative hour', () => {
    expect(() => gpuHourCost([1, 2, 3], pricing)).toThrow(new RangeError('hourlyGpus: must have exactly 24 hourly GPU counts, got 3'));
    expect(() => gpuHourCost([...Array(23).fill(1), -2], pricing)).toThrow(new RangeError('hourlyGpus[23]: must be a finite number ≥ 0, got -2'));
    expect(() => gpuHourCost(plan, { ...pricing, reservedGpus: 1.5 })).toThrow(
      new RangeError('pricing.reservedGpus: must be a non-negative integer, got 1.5'),
    );
    expect(() => gpuHourCost(plan, { ...pricing, cnyPerUsd: 0 })).toThrow(new RangeError('pricing.cnyPerUsd: must be a finite number > 0, got 0'));
  });
});
