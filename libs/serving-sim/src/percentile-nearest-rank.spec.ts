import { nearestRankPercentile, summarizeLatencies } from './percentile.js';

describe('nearest-rank percentile (pinned method)', () => {
  // Wikipedia's worked example of the nearest-rank method: {15, 20, 35, 40, 50}.
  const sorted = [15, 20, 35, 40, 50];

  it.each([
    [5, 15], // ceil(0.25) = 1st
    [30, 20], // ceil(1.5) = 2nd
    [40, 20], // ceil(2.0) = 2nd, not interpolated toward 35
    [50, 35], // ceil(2.5) = 3rd
    [100, 50],
    [0, 15],
  ])('p%d of {15, 20, 35, 40, 50} is %d', (p, expected) => {
    expect(nearestRankPercentile(sorted, p)).toBe(expected);
  });

  it('p99 of 1..100 is 99 and p99 of 1..1000 is 990', () => {
    expect(nearestRankPercentile(Array.from({ length: 100 }, (_, i) => i + 1), 99)).toBe(99);
    expect(nearestRankPercentile(Array.from({ length: 1000 }, (_, i) => i + 1), 99)).toBe(990);
  });

  it('summarizes unsorted latencies (mean 3, p50 3, p90 and p99 5) and returns null for none', () => {
    const s = summarizeLatencies(new Float64Array([5, 1, 4, 2, 3]))!;
    expect(s).toEqual({ count: 5, meanSeconds: 3, p50Seconds: 3, p90Seconds: 5, p99Seconds: 5, maxSeconds: 5 });
    expect(summarizeLatencies(new Float64Array(0))).toBeNull();
  });

  it('rejects p outside [0, 100] and empty samples', () => {
    expect(() => nearestRankPercentile(sorted, 101)).toThrow('p: must be a number from 0 to 100, got 101');
    expect(() => nearestRankPercentile([], 50)).toThrow('samples: must not be empty');
  });
});

describe('summarizeLatencies by selection agrees with a full sort', () => {
  it('on 10 001 seeded values with ties, p50 / p90 / p99 equal sorted[ceil(p n / 100) − 1]', async () => {
    const { mulberry32 } = await import('../../cost/src/index.js');
    const random = mulberry32(9);
    const values = Float64Array.from({ length: 10_001 }, () => Math.floor(random() * 500) / 10);
    const sorted = Float64Array.from(values).sort();
    const s = summarizeLatencies(values)!;
    expect(s.p50Seconds).toBe(sorted[Math.ceil(0.5 * 10_001) - 1]);
    expect(s.p90Seconds).toBe(sorted[Math.ceil(0.9 * 10_001) - 1]);
    expect(s.p99Seconds).toBe(sorted[Math.ceil(0.99 * 10_001) - 1]);
    expect(s.maxSeconds).toBe(sorted[10_000]);
  });
});
