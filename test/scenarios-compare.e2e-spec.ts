import request from 'supertest';
import { createTestApp, nonFiniteNumberPaths, type TestApp } from './support/test-app.js';

/** kimi-2024 on A100-80GB; no reserved GPUs, so every GPU-hour is paid at the on-demand price. */
const scenario = (onDemandCnyPerGpuHour: number, weights = 'int8-w8a16') => ({
  modelId: 'kimi-2024',
  gpuId: 'a100-80gb',
  quantization: { weights, kvCache: 'bf16' },
  workload: { dailyActiveUsers: 300_000, tokensPerUserPerDay: 100_000 },
  pricing: { reservedGpus: 0, onDemandCnyPerGpuHour: onDemandCnyPerGpuHour },
});

describe('POST /v1/scenarios/compare', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    for (const [key, body] of Object.entries({ a: scenario(10), b: scenario(25), c: scenario(25, 'int4-w4a16') })) {
      ids[key] = (await request(t.http).post('/v1/scenarios').send({ name: `compare ${key}`, scenario: body }).expect(201)).body.id;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('two scenarios differing only in the GPU price: same GPUs, costs in the ratio of the prices, 100 % of the difference to the price', async () => {
    const res = await request(t.http).post('/v1/scenarios/compare').send({ ids: [ids.a, ids.b] }).expect(200);
    expect(nonFiniteNumberPaths(res.body)).toEqual([]);
    const [a, b] = res.body.scenarios;
    expect(res.body.currency).toBe('CNY');
    expect(res.body.baselineId).toBe(ids.a);
    expect(b.gpusAtPeak).toBe(a.gpusAtPeak);
    expect(b.bindingLimit).toBe(a.bindingLimit);
    // Same GPU-hours H: A = H × 30 × ¥10, B = H × 30 × ¥25 → B / A = 25 / 10 = 2.5, B − A = 1.5 A.
    expect(b.costCnyPerMonth / a.costCnyPerMonth).toBeCloseTo(2.5, 12);
    expect(b.costCnyPerDauPerMonth / a.costCnyPerDauPerMonth).toBeCloseTo(2.5, 12);
    expect(b.costCnyPerMillionTokens / a.costCnyPerMillionTokens).toBeCloseTo(2.5, 12);
    expect(a.money.costPerMonth.currency).toBe('CNY');
    expect(a.money.costPerMonth.amount).toMatch(/^\d+\.\d{2}$/);
    const d = res.body.differences[0];
    expect(d.fromId).toBe(ids.a);
    expect(d.toId).toBe(ids.b);
    expect(d.costRatio).toBeCloseTo(2.5, 12);
    expect(d.changedInputs).toEqual(['pricing.onDemandCnyPerGpuHour']);
    expect(d.differenceCostCnyPerMonth).toBeCloseTo(1.5 * a.costCnyPerMonth, 6);
    expect(d.attribution).toHaveLength(1);
    expect(d.attribution[0].input).toBe('pricing.onDemandCnyPerGpuHour');
    expect(d.attribution[0].shareOfDifference).toBe(1);
    expect(d.interactionCostCnyPerMonth).toBe(0);
  });

  it('three scenarios: the third changes price and format; price alone is 1.5 A, interaction is 1.5 × the format-alone delta, and the parts add up', async () => {
    const res = await request(t.http).post('/v1/scenarios/compare').send({ ids: [ids.a, ids.b, ids.c] }).expect(200);
    expect(res.body.scenarios.map((s: any) => s.id)).toEqual([ids.a, ids.b, ids.c]);
    const a = res.body.scenarios[0];
    const d = res.body.differences[1];
    expect(d.toId).toBe(ids.c);
    expect(d.changedInputs).toEqual(['pricing.onDemandCnyPerGpuHour', 'quantization.weights']);
    const price = d.attribution.find((x: any) => x.input === 'pricing.onDemandCnyPerGpuHour');
    const format = d.attribution.find((x: any) => x.input === 'quantization.weights');
    // A = H_A × 300, C = H_C × 750 (¥10 and ¥25 × 30 days). Price alone: H_A × 750 − H_A × 300 = 1.5 A.
    // Format alone: (H_C − H_A) × 300. Interaction: C − A − both = 450 (H_C − H_A) = 1.5 × format alone.
    expect(price.deltaCostCnyPerMonth).toBeCloseTo(1.5 * a.costCnyPerMonth, 4);
    expect(format.deltaCostCnyPerMonth).toBeLessThan(0);
    expect(d.interactionCostCnyPerMonth).toBeCloseTo(1.5 * format.deltaCostCnyPerMonth, 4);
    expect(price.deltaCostCnyPerMonth + format.deltaCostCnyPerMonth + d.interactionCostCnyPerMonth).toBeCloseTo(d.differenceCostCnyPerMonth, 6);
  });

  it('404 naming an unknown id; 400 for fewer than two, a repeated id or a malformed one', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await request(t.http).post('/v1/scenarios/compare').send({ ids: [ids.a, unknown] }).expect(404);
    expect(missing.body.message).toContain(unknown);
    for (const body of [{ ids: [ids.a] }, { ids: [] }, {}, { ids: [ids.a, ids.a] }, { ids: [ids.a, 'nope'] }]) {
      const res = await request(t.http).post('/v1/scenarios/compare').send(body);
      expect(res.status).toBe(400);
      expect(res.body.details.map((x: any) => x.field)).toContain('ids');
    }
  });
});
