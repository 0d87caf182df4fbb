import { DEFAULT_WORKLOAD } from './default-workload.js';
import { demandProfile } from './demand-profile.js';
import type { WorkloadSpec } from './types.js';

// The source report's question: 1 M DAU × 100 k tokens per user per day, with the Mooncake
// long-context request shape (15 325 prompt + 149 output tokens per request) and a flat day.
const flat: WorkloadSpec = {
  dailyActiveUsers: 1_000_000,
  tokensPerUserPerDay: 100_000,
  prefixCacheHitFraction: 0.5,
  diurnalProfile: Array(24).fill(1),
  requestSizes: { meanPromptTokens: 15_325, promptTokensCv: 1.2, meanOutputTokens: 149, outputTokensCv: 1.19 },
};

describe('source report: 1 M DAU × 100 k tokens/user/day', () => {
  const demand = demandProfile(flat);

  it('makes 1e11 tokens a day, 1.157e6 tokens/s on average', () => {
    expect(demand.tokensPerDay).toBe(1e11);
    // 1e11 / 86 400 = 1 157 407.4 tokens/s
    expect(demand.meanTokensPerSecond).toBeCloseTo(1_157_407.4, 0);
  });

  it('splits input and output by the mean request shape', () => {
    // 15 325 / (15 325 + 149) = 15 325 / 15 474 = 0.990371
    expect(demand.inputTokenFraction).toBeCloseTo(0.990371, 6);
    expect(demand.inputTokensPerDay).toBeCloseTo(1e11 * 0.990371, -5);
    expect(demand.outputTokensPerDay).toBeCloseTo((1e11 * 149) / 15_474, -1);
    // 1e11 / 15 474 = 6 462 453 requests/day (≈ 6.5 long requests per user)
    expect(demand.requestsPerDay).toBeCloseTo(6_462_453, -1);
  });

  it('gives a flat day equal peak and mean, and halves prefill with a 50 % prefix-cache hit', () => {
    expect(demand.peakToMeanRatio).toBe(1);
    expect(demand.peakHour).toBe(0);
    expect(demand.hourly).toHaveLength(24);
    expect(demand.peakTokensPerSecond).toBeCloseTo(1_157_407.4, 0);
    expect(demand.mean.hour).toBe(-1);
    // output tokens/s = 1 157 407.4 × 149 / 15 474 = 11 144.7
    expect(demand.mean.outputTokensPerSecond).toBeCloseTo(11_144.7, 0);
    expect(demand.mean.prefillTokensPerSecond).toBeCloseTo(demand.mean.inputTokensPerSecond / 2, 6);
    // requests/s = 6 462 453 / 86 400 = 74.80
    expect(demand.mean.requestsPerSecond).toBeCloseTo(74.8, 1);
    for (const hour of demand.hourly) expect(hour.outputTokensPerSecond).toBeCloseTo(11_144.7, 0);
  });

  it('puts the whole day into the hours of the default diurnal profile', () => {
    const daily = demandProfile({ ...flat, diurnalProfile: DEFAULT_WORKLOAD.diurnalProfile });
    const tokensOverHours = daily.hourly.reduce((sum, h) => sum + (h.inputTokensPerSecond + h.outputTokensPerSecond) * 3600, 0);
    // Relative tolerance 1e-12: only floating-point summation error separates the two.
    expect(Math.abs(tokensOverHours / 1e11 - 1)).toBeLessThan(1e-12);
    expect(daily.peakHour).toBe(21);
    expect(daily.peakTokensPerSecond / daily.meanTokensPerSecond).toBeCloseTo(daily.peakToMeanRatio, 12);
  });
});
