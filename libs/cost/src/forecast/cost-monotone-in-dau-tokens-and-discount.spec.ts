import fc from 'fast-check';
import { deterministicMonths, prepareForecast } from './forecast.js';
import type { ForecastSpec } from './types.js';

/*
 * Properties of the deterministic forecast (the property test): month cost is monotone
 * non-decreasing in DAU and in tokens per user, and non-increasing in a discount on the GPU-hour
 * price. Replicas are ceil(busy / target) with busy linear in demand, so no rounding can reverse
 * an order. Mixtral 8x7B on H100 keeps each case quick.
 */
const scenario = { model: 'mixtral-8x7b', gpu: 'h100-sxm', quantization: { weights: 'bf16', kvCache: 'bf16' } } as const;
const spec = (startDau: number, tokens: number, reservedCnyPerGpuHour?: number): ForecastSpec => ({
  scenario: reservedCnyPerGpuHour === undefined ? scenario : { ...scenario, pricing: { reservedCnyPerGpuHour } },
  months: 3,
  growth: { kind: 'exponential', startDau, monthlyGrowthFraction: 0.05 },
  tokensPerUser: { meanTokensPerUserPerDay: tokens, uncertaintySigma: 0 },
  samples: 1,
  seed: 1,
});
const costs = (s: ForecastSpec) => deterministicMonths(prepareForecast(s)).map((m) => m.costCnyPerMonth);

describe('forecast cost is monotone (fast-check)', () => {
  const dau = fc.integer({ min: 1_000, max: 5_000_000 });
  const tokens = fc.integer({ min: 1_000, max: 300_000 });

  it('non-decreasing in DAU', () => {
    fc.assert(
      fc.property(dau, dau, tokens, (a, b, t) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = costs(spec(lo, t));
        const y = costs(spec(hi, t));
        return x.every((c, i) => c <= y[i]!);
      }),
      { numRuns: 40, seed: 6 },
    );
  });

  it('non-decreasing in tokens per user', () => {
    fc.assert(
      fc.property(dau, tokens, tokens, (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = costs(spec(d, lo));
        const y = costs(spec(d, hi));
        return x.every((c, i) => c <= y[i]!);
      }),
      { numRuns: 40, seed: 6 },
    );
  });

  it('non-increasing in a discount on the GPU-hour price', () => {
    const discount = fc.double({ min: 0, max: 0.9, noNaN: true });
    fc.assert(
      fc.property(dau, tokens, discount, discount, (d, t, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const x = costs(spec(d, t, 20 * (1 - small)));
        const y = costs(spec(d, t, 20 * (1 - large)));
        return y.every((c, i) => c <= x[i]!);
      }),
      { numRuns: 40, seed: 6 },
    );
  });
});
