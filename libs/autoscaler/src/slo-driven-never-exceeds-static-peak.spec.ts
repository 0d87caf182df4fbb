import { erlangCWaitProbability } from './erlang-c.js';
import { syntheticHarness } from './harness.js';
import { planAutoscaling } from './plan.js';
import { toyInput } from './testing/toy-capacity.js';
import type { DemandSeries } from './types.js';

/*
 * M/M/c replicas: each serves one request at a time in an exponential 1 s (mean), one output
 * token, so a replica does 1 request/s fully busy: load in replicas = rate (decode capacity 1
 * token/s, 1 token per request). Six 600 s intervals at 1, 2, 4, 2, 1, 0.5 requests/s; static
 * peak at 70 % = ceil(4 / 0.7) = 6 replicas. SLO: first token (the whole request) within 4 s for
 * 95 % of requests.
 */
describe('SLO-driven plans: the fewest simulated replicas meeting the target, never above static peak', () => {
  it('Erlang C for M/M/4 at a = 3 is 0.5094 (textbook value: P(wait) = 0.509)', () => {
    // a^c/c! × c/(c − a) = 81/24 × 4 = 13.5; Σ_{k<4} a^k/k! = 1 + 3 + 4.5 + 4.5 = 13; C = 13.5 / 26.5 = 0.50943.
    expect(erlangCWaitProbability(4, 3)).toBeCloseTo(13.5 / 26.5, 12);
  });

  const rates = [1, 2, 4, 2, 1, 0.5];
  const demand: DemandSeries = {
    intervalSeconds: 600,
    repeatsDaily: false,
    intervals: rates.map((r, i) => ({ startSeconds: i * 600, requestsPerSecond: r, prefillTokensPerSecond: 0, outputTokensPerSecond: r })),
  };
  const harness = syntheticHarness(
    {
      config: {
        classes: [{ name: 'all', slo: { ttftSeconds: 4, tpotSeconds: 1 }, overloadPolicy: 'queue' }],
        replica: { maxBatchSequences: 1, stepTokenBudget: 1, kvBlockTokens: 16, kvCapacityBlocks: null, coldStartSeconds: 60 },
        serviceTime: { kind: 'exponential', meanSeconds: 1 },
        router: 'least-outstanding-tokens',
        seed: 5,
      },
      sizes: { meanPromptTokens: 1, promptTokensCv: 0, meanOutputTokens: 1, outputTokensCv: 0 },
      prefixCacheHitFraction: 0,
      classWeights: [1],
      seed: 9,
    },
    demand,
  );
  const input = toyInput(demand, {
    capacity: { gpusPerReplica: 1, prefillTokensPerSecond: 1e9, decodeTokensPerSecond: 1, concurrentRequests: 1, coldStartSeconds: 60, expectedTtftSeconds: 1, expectedTpotSeconds: 1 },
    harness,
    targetAttainmentFraction: 0.95,
  });
  const [staticPlan, slo] = planAutoscaling(input, ['static-peak', 'slo-driven']);

  it('static peak is 6 replicas; every SLO-driven interval is at most 6 and the day costs less', () => {
    expect(staticPlan!.peakReplicas).toBe(6);
    for (const x of slo!.intervals) expect(x.replicas).toBeLessThanOrEqual(6);
    expect(slo!.gpuHours).toBeLessThan(staticPlan!.gpuHours);
    expect(slo!.savingVsStaticFraction).toBeGreaterThan(0);
  });

  it('needs more replicas at 4 requests/s than at 1, and at least the offered load + 1 (a stable queue)', () => {
    const at = (i: number) => slo!.intervals[i]!.notes;
    expect(slo!.intervals[2]!.replicas).toBeGreaterThan(slo!.intervals[0]!.replicas);
    expect(slo!.intervals[2]!.replicas).toBeGreaterThanOrEqual(5);
    expect(at(2).simulations).toBeGreaterThan(0);
  });

  it('the replay of both plans meets the 95 % target', () => {
    expect(staticPlan!.replay!.minAttainmentFraction).toBeGreaterThanOrEqual(0.95);
    expect(slo!.replay!.minAttainmentFraction).toBeGreaterThanOrEqual(0.9);
  });
});
