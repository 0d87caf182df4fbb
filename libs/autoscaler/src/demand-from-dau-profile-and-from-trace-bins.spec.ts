import { DEFAULT_WORKLOAD } from '../../workload/src/index.js';
import { demandFromRequests, demandFromWorkload, replicaLoad } from './demand.js';
import { TOY_CAPACITY } from './testing/toy-capacity.js';

describe('demand series: DAU × diurnal profile, and a trace binned per interval', () => {
  /*
   * 1 200 DAU × 100 000 tokens = 1.2e8 tokens a day; 1 000-token prompts and 200-token outputs
   * make 1.2e8 / 1 200 = 100 000 requests a day. A flat profile spreads them evenly:
   * 100 000 / 86 400 = 1.157 requests/s in every one of the 48 half-hour intervals.
   */
  const workload = {
    ...DEFAULT_WORKLOAD,
    dailyActiveUsers: 1200,
    tokensPerUserPerDay: 100_000,
    prefixCacheHitFraction: 0.5,
    diurnalProfile: Array.from({ length: 24 }, () => 1),
    requestSizes: { meanPromptTokens: 1000, promptTokensCv: 0, meanOutputTokens: 200, outputTokensCv: 0 },
  };

  it('a flat day in 30-minute intervals: 48 intervals of 100 000 / 86 400 requests/s', () => {
    const d = demandFromWorkload(workload, 1800);
    expect(d.intervals).toHaveLength(48);
    expect(d.repeatsDaily).toBe(true);
    for (const x of d.intervals) expect(x.requestsPerSecond).toBeCloseTo(100_000 / 86_400, 12);
    // Prefill: half of each 1 000-token prompt misses the cache → 500 × 1.157 = 578.7 tokens/s.
    expect(d.intervals[0]!.prefillTokensPerSecond).toBeCloseTo((500 * 100_000) / 86_400, 9);
    // Load: 578.7 / 1 000 + 231.5 / 100 = 0.5787 + 2.3148 = 2.8935 replicas.
    expect(replicaLoad(d.intervals[0]!, TOY_CAPACITY)).toBeCloseTo((500 * 100_000) / 86_400 / 1000 + (200 * 100_000) / 86_400 / 100, 9);
  });

  it('6-hour intervals average the hours they cover; a 7-minute interval is refused', () => {
    const profile = Array.from({ length: 24 }, (_, h) => (h < 6 ? 2 : 1));
    const d = demandFromWorkload({ ...workload, diurnalProfile: profile }, 21_600);
    // Weights sum to 6 × 2 + 18 = 30: hours 0..5 carry 2/30 of the day each.
    expect(d.intervals[0]!.requestsPerSecond).toBeCloseTo((100_000 * 2) / 30 / 3600, 9);
    expect(d.intervals[1]!.requestsPerSecond).toBeCloseTo(100_000 / 30 / 3600, 9);
    expect(() => demandFromWorkload(workload, 420)).toThrow('intervalSeconds: must divide 3600');
  });

  it('a trace: arrivals counted per 60 s bin, tokens per second summed, prefix hits taken off prefill', () => {
    const r = (t: number, prompt: number, out: number, cached = 0) => ({ arrivalSeconds: t, promptTokens: prompt, outputTokens: out, cachedPrefixTokens: cached, classIndex: 0 });
    const d = demandFromRequests([r(0, 600, 60), r(30, 600, 60, 300), r(130, 120, 12)], 60);
    expect(d.intervals).toHaveLength(3);
    expect(d.intervals.map((x) => x.requestsPerSecond)).toEqual([2 / 60, 0, 1 / 60]);
    expect(d.intervals[0]!.prefillTokensPerSecond).toBeCloseTo((600 + 300) / 60, 12);
    expect(d.intervals[0]!.outputTokensPerSecond).toBeCloseTo(120 / 60, 12);
    expect(d.repeatsDaily).toBe(false);
  });
});
