import request from 'supertest';
import { finished, pollJob } from './support/jobs.js';
import { createTestApp, nonFiniteNumberPaths, type TestApp } from './support/test-app.js';

/** The source report's question as a forecast: kimi-2024 INT8 on A100-80GB, 10 %/month from 320 000 DAU (≈ 1 M by month 12). */
const scenario = { modelId: 'kimi-2024', gpuId: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' } };
const body = (extra: Record<string, unknown> = {}) => ({
  scenario,
  months: 12,
  growth: { kind: 'exponential', startDau: 320_000, monthlyGrowthFraction: 0.1 },
  samples: 2000,
  seed: 7,
  ...extra,
});

describe('forecasts over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('kimi-2024 INT8 on A100-80GB growing to 1 M DAU', () => {
    let created: any;
    beforeAll(async () => {
      const res = await request(t.http).post('/v1/forecasts').send(body({ budgetCnyPerMonth: [20_000_000] })).expect(201);
      created = res.body;
    });

    it('stores the forecast and returns P10 ≤ P50 ≤ P90 per month, finite everywhere, in CNY with a dated exchange rate', async () => {
      expect(created.state).toBe('succeeded');
      expect(created.currency).toBe('CNY');
      expect(created.cnyPerUsd).toBe(7.2);
      expect(created.exchangeRateDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(created.result.months).toHaveLength(12);
      expect(nonFiniteNumberPaths(created.result)).toEqual([]);
      const m12 = created.result.months[11];
      // Deterministic DAU at month 12: 320 000 × 1.1^12 = 1 004 297.
      expect(m12.deterministic.dau).toBeCloseTo(1_004_297.1, 0);
      expect(m12.costCnyPerMonth.p10).toBeLessThanOrEqual(m12.costCnyPerMonth.p50);
      expect(m12.costCnyPerMonth.p50).toBeLessThanOrEqual(m12.costCnyPerMonth.p90);
      expect(created.result.budget.budgetCnyPerMonth).toEqual([20_000_000]);
      const got = await request(t.http).get(`/v1/forecasts/${created.id}`).expect(200);
      expect(got.body.result).toEqual(created.result);
    });

    it('gives the same result for the same seed, byte for byte', async () => {
      const again = await request(t.http).post('/v1/forecasts').send(body({ budgetCnyPerMonth: [20_000_000] })).expect(201);
      expect(JSON.stringify(again.body.result)).toBe(JSON.stringify(created.result));
      const other = await request(t.http).post('/v1/forecasts').send(body({ seed: 8, budgetCnyPerMonth: [20_000_000] })).expect(201);
      expect(JSON.stringify(other.body.result)).not.toBe(JSON.stringify(created.result));
    });

    it('exports one CSV row per month with P10/P50/P90 columns', async () => {
      const res = await request(t.http).get(`/v1/forecasts/${created.id}/months.csv`).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      const lines = res.text.trim().split('\n');
      expect(lines).toHaveLength(13);
      expect(lines[0]).toContain('costCnyPerMonth_p50');
      const header = lines[0]!.split(',');
      const row12 = lines[12]!.split(',');
      expect(Number(row12[header.indexOf('costCnyPerMonth_p50')])).toBe(created.result.months[11].costCnyPerMonth.p50);
    });

    it('runs a sensitivity: GPU-hour price has elasticity 1, the tornado is widest first', async () => {
      const res = await request(t.http).post(`/v1/forecasts/${created.id}/sensitivity`).send({ swingFraction: 0.2 }).expect(200);
      const price = res.body.tornado.find((b: any) => b.input === 'gpuHourPrice');
      // ((1.2 − 0.8) c / c) / 0.4 = 1: GPU cost is linear in the price.
      expect(price.elasticity).toBeCloseTo(1, 9);
      expect(res.body.tornado[0].swingCnyPerDauPerMonth).toBeGreaterThanOrEqual(res.body.tornado.at(-1).swingCnyPerDauPerMonth);
    });

    it('compares two stored forecasts and attributes the difference to the changed input', async () => {
      const b = await request(t.http)
        .post('/v1/forecasts')
        .send(body({ scenario: { ...scenario, quantization: { weights: 'int4-w4a16', kvCache: 'bf16' } } }))
        .expect(201);
      const res = await request(t.http).post('/v1/forecasts/compare').send({ aId: created.id, bId: b.body.id }).expect(200);
      expect(res.body.attribution.map((x: any) => x.input)).toEqual(['scenario.quantization']);
      expect(res.body.differenceTotalCostCny).toBeLessThan(0);
      expect(res.body.interactionTotalCostCny).toBeCloseTo(0, 2);
    });
  });

  it('fits an uploaded history and reports R² (a perfect exponential → R² = 1)', async () => {
    const dau = [0, 1, 2, 3, 4, 5].map((m) => Math.round(100_000 * 1.2 ** m));
    const res = await request(t.http).post('/v1/forecasts').send(body({ growth: undefined, history: { dau, kind: 'exponential' }, samples: 200 })).expect(201);
    expect(res.body.fit.rSquared).toBeCloseTo(1, 6);
    expect(res.body.fit.curve.monthlyGrowthFraction).toBeCloseTo(0.2, 4);
  });

  it('runs a large N as a forecast job: 202, then the result once the job succeeds', async () => {
    const res = await request(t.http).post('/v1/forecasts').send(body({ samples: 25_000, months: 3 })).expect(202);
    expect(res.body.state).toMatch(/queued|running|succeeded/);
    expect(res.body.job.type).toBe('forecast');
    const seen = await pollJob(t, res.body.job.id, finished, 60_000);
    expect(seen.at(-1)!.state).toBe('succeeded');
    const got = await request(t.http).get(`/v1/forecasts/${res.body.id}`).expect(200);
    expect(got.body.state).toBe('succeeded');
    expect(got.body.result.samples).toBe(25_000);
    expect(got.body.result.months).toHaveLength(3);
  });

  describe('refuses bad input with 400 naming the field', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['samples above the cap', { samples: 100_001 }, 'samples'],
      ['months 0', { months: 0 }, 'months'],
      ['negative start DAU', { growth: { kind: 'exponential', startDau: -5, monthlyGrowthFraction: 0.1 } }, 'growth.startDau'],
      ['exponential without its rate', { growth: { kind: 'exponential', startDau: 1000 } }, 'growth.monthlyGrowthFraction'],
      ['unknown growth kind', { growth: { kind: 'cubic', startDau: 1000 } }, 'growth.kind'],
      ['a hardware step in month 1', { hardwareSteps: [{ fromMonth: 1, gpuId: 'h20' }] }, 'hardwareSteps.0.fromMonth'],
      ['a hardware step on an unknown GPU', { hardwareSteps: [{ fromMonth: 3, gpuId: 'nope' }] }, 'hardwareSteps[0].gpu'],
      ['PUE below 1', { power: { pue: 0.5, cnyPerKwh: 0.6 } }, 'power.pue'],
      ['a negative budget', { budgetCnyPerMonth: [-1] }, 'budgetCnyPerMonth'],
      ['a history of two months', { growth: undefined, history: { dau: [1, 2], kind: 'linear' } }, 'history.dau'],
    ];
    it.each(cases)('%s', async (_label, extra, field) => {
      const res = await request(t.http).post('/v1/forecasts').send(body(extra));
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: any) => d.field)).toContain(field);
    });

    it('404 for an unknown forecast, 400 for a malformed id', async () => {
      await request(t.http).get('/v1/forecasts/00000000-0000-4000-8000-000000000000').expect(404);
      await request(t.http).get('/v1/forecasts/not-a-uuid').expect(400);
    });
  });
});
