import request from 'supertest';
import { finished, pollJob } from './support/jobs.js';
import { createTestApp, nonFiniteNumberPaths, type TestApp } from './support/test-app.js';

/*
 * A diurnal day planned by every policy over HTTP: kimi-2024 INT8 on A100-80GB (4 GPUs per
 * replica), 20 000 DAU × 20 000 tokens of conversational requests, two-hour intervals.
 */
const scenario = {
  modelId: 'kimi-2024',
  gpuId: 'a100-80gb',
  quantization: { weights: 'int8-w8a16', kvCache: 'bf16' },
  deployment: { prefillChunkTokens: 1024, maxBatchSequences: 32 },
  workload: { dailyActiveUsers: 20_000, tokensPerUserPerDay: 20_000, requestSizes: { meanPromptTokens: 1155, promptTokensCv: 1, meanOutputTokens: 211, outputTokensCv: 1 } },
};

describe('autoscaling plans over HTTP', () => {
  let t: TestApp;
  let plan: any;
  beforeAll(async () => {
    t = await createTestApp();
    const res = await request(t.http)
      .post('/v1/autoscaling/plans')
      .send({ scenario, workload: { kind: 'synthetic', durationSeconds: 86_400 }, intervalSeconds: 7200, targetAttainmentFraction: 0.95 })
      .expect(202);
    expect(res.headers.location).toBe(`/v1/autoscaling/plans/${res.body.id}`);
    const seen = await pollJob(t, res.body.job.id, finished, 120_000);
    expect(seen[seen.length - 1]!.chunksTotal).toBe(5);
    plan = (await request(t.http).get(`/v1/autoscaling/plans/${res.body.id}`).expect(200)).body;
  }, 150_000);
  afterAll(async () => {
    await t.close();
  });

  it('plans all five policies; static peak uses the most GPU-hours; each plan is replayed and priced', () => {
    expect(plan.state).toBe('succeeded');
    expect(plan.targetAttainmentFraction).toBe(0.95); // the request's, so the dashboard can draw it
    const plans = plan.result.plans;
    expect(plans.map((p: any) => p.policy)).toEqual(['static-peak', 'hpa', 'kpa', 'predictive', 'slo-driven']);
    const staticPlan = plans[0];
    for (const p of plans) {
      expect(p.gpuHours).toBeLessThanOrEqual(staticPlan.gpuHours + 1e-9);
      expect(p.intervals).toHaveLength(12);
      expect(p.replay.classes.map((c: any) => c.name)).toEqual(['b2b', 'consumer']);
      expect(p.costCny).toBeGreaterThan(0);
    }
    // Static: one replica count all day × 4 GPUs × 24 h.
    expect(staticPlan.gpuHours).toBeCloseTo(staticPlan.peakReplicas * 4 * 24, 9);
    expect(plans[1].savingVsStaticFraction).toBeGreaterThan(0);
    expect(nonFiniteNumberPaths(plan.result)).toEqual([]);
  });

  it('exports one CSV row per interval, with a header', async () => {
    const res = await request(t.http).get(`/v1/autoscaling/plans/${plan.id}/plan.csv?policy=hpa`).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('interval,start_seconds,requests_per_second,replicas,mean_replicas,gpus,gpu_hours');
    expect(lines).toHaveLength(13);
    expect(lines[1]!.split(',')[1]).toBe('0');
    expect(lines[12]!.split(',')[1]).toBe(String(11 * 7200));
    const sum = lines.slice(1).reduce((s, l) => s + Number(l.split(',')[6]), 0);
    expect(sum).toBeCloseTo(plan.result.plans[1].gpuHours, 2);
  });

  it('400 for an unknown policy; 404 for an unknown plan', async () => {
    const bad = await request(t.http).post('/v1/autoscaling/plans').send({ scenario, workload: { kind: 'synthetic' }, policies: ['magic'] }).expect(400);
    expect(bad.body.details[0].field).toContain('policies');
    await request(t.http).get('/v1/autoscaling/plans/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('reports the default 99 % attainment target for a request that names none', async () => {
    const res = await request(t.http).post('/v1/autoscaling/plans').send({ scenario, workload: { kind: 'synthetic', durationSeconds: 3600 }, policies: ['static-peak'] }).expect(202);
    expect(res.body.targetAttainmentFraction).toBe(0.99);
  });
});
