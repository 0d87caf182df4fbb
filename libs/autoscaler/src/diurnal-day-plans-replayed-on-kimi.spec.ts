import { runScenarioPlans, runScenarioSimulation } from './scenario/run.js';
import type { ScenarioRunSpec } from './scenario/types.js';

/*
 * The source report's deployment (kimi-2024, A100-80GB, INT8 weights) at a small load so a day
 * simulates in seconds: 20 000 users × 20 000 tokens of Azure-conversation-sized requests (1 155
 * prompt / 211 output tokens), 1 024-token steps of at most 32 sequences. Two-hour intervals over
 * the default diurnal profile (peak / mean ≈ 1.72), B2B one request in four.
 */
const spec = (extra: Partial<ScenarioRunSpec> = {}): ScenarioRunSpec => ({
  scenario: { model: 'kimi-2024', gpu: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' }, workload: { dailyActiveUsers: 20_000, tokensPerUserPerDay: 20_000, requestSizes: { meanPromptTokens: 1155, promptTokensCv: 1, meanOutputTokens: 211, outputTokensCv: 1 } },
    deployment: { prefillChunkTokens: 1024, maxBatchSequences: 32 },
  },
  classes: [
    { name: 'b2b', ttftSeconds: 2, tpotSeconds: 0.08, overloadPolicy: 'queue', weight: 1 },
    { name: 'consumer', ttftSeconds: 5, tpotSeconds: 0.15, overloadPolicy: 'queue', weight: 3 },
  ],
  workload: { kind: 'synthetic', arrival: 'poisson', durationSeconds: 86_400, startHour: 0 },
  intervalSeconds: 7200,
  router: 'least-outstanding-tokens',
  seed: 1,
  storageBytesPerSecond: 2e9,
  coldStartSeconds: null,
  targetAttainmentFraction: 0.95,
  ...extra,
});

// KPA and predictive run in their own specs and in test/autoscaling.e2e-spec.ts; three replays of a day keep this one quick.
describe('a diurnal day of kimi-2024 on A100 INT8, planned by static peak, HPA and SLO-driven policies and replayed', () => {
  const bounds = { minReplicas: 1, maxReplicas: 64, reservedReplicas: 0 };
  const plans = runScenarioPlans(spec(), ['static-peak', 'hpa', 'slo-driven'], bounds);

  it('static peak uses the most GPU-hours; every plan has 12 two-hour intervals and a replay', () => {
    const [staticPlan, ...others] = plans;
    for (const p of plans) {
      expect(p.intervals).toHaveLength(12);
      expect(p.replay).not.toBeNull();
    }
    for (const p of others) expect(p.gpuHours).toBeLessThanOrEqual(staticPlan!.gpuHours + 1e-9);
    expect(staticPlan!.replay!.minAttainmentFraction).toBeGreaterThanOrEqual(0.95);
  });

  it('a fixed fleet of 1 replica for 10 minutes reports per-class TTFT and TPOT percentiles', () => {
    const summary = runScenarioSimulation(spec({ workload: { kind: 'synthetic', arrival: 'bursty', durationSeconds: 600, startHour: 21 } }), { kind: 'fixed', replicas: 1 });
    expect(summary.classes.map((c) => c.name)).toEqual(['b2b', 'consumer']);
    expect(summary.classes[0]!.ttft!.p50Seconds).toBeLessThanOrEqual(summary.classes[0]!.ttft!.p99Seconds);
    expect(summary.classes[1]!.arrived).toBeGreaterThan(summary.classes[0]!.arrived);
  });
});
