import { findGpu } from '../../../catalog/src/index.js';
import { DEFAULT_PRICING, ON_DEMAND_PREMIUM_FACTOR, defaultPricing } from './default-pricing.js';

describe('default pricing of an A100-80GB', () => {
  const gpu = findGpu('a100-80gb')!;

  it('reserves at the catalog price and buys on demand at 1.5 × that', () => {
    const pricing = defaultPricing(gpu);
    expect(pricing.reservedCnyPerGpuHour).toBe(gpu.priceCnyPerGpuHour);
    expect(pricing.onDemandCnyPerGpuHour).toBeCloseTo(gpu.priceCnyPerGpuHour * 1.5, 12);
    expect(ON_DEMAND_PREMIUM_FACTOR).toBe(1.5);
    expect(pricing.reservedGpus).toBe(0);
    expect(pricing.cnyPerUsd).toBe(7.2);
    // Kimi K2 list price, 2025: ¥4 per M input, ¥16 per M output
    expect(pricing.listPriceCnyPerMillionInputTokens).toBe(4);
    expect(pricing.listPriceCnyPerMillionOutputTokens).toBe(16);
  });

  it('moves the on-demand price with an overridden reserved price unless that is given too', () => {
    expect(defaultPricing(gpu, { reservedCnyPerGpuHour: 10 }).onDemandCnyPerGpuHour).toBe(15);
    expect(defaultPricing(gpu, { reservedCnyPerGpuHour: 10, onDemandCnyPerGpuHour: 11 }).onDemandCnyPerGpuHour).toBe(11);
    expect(defaultPricing(gpu, { reservedGpus: 16 }).reservedGpus).toBe(16);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DEFAULT_PRICING)).toBe(true);
  });
});
