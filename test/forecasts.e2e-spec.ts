import request from 'supertest';
import { syntheticMeasurementSet } from '../libs/calibration/src/testing/synthetic-measurements.js';
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

  describe('money: currency, dated exchange rate, decimal amounts, OpenCost terms', () => {
    /*
     * 8 reserved A100-80GB (400 W) at ¥9.87/h cover a constant 10 000 DAU (peak 8 GPUs), zero variance:
     * GPU 8 × 720 h × 9.87 = ¥56 851.20; power 5 760 h × 0.4 kW × 1.25 × ¥0.61 = ¥1 756.80; month ¥58 608.00.
     * At 7.25 CNY per USD: 58 608 / 7.25 = $8 083.862… → "8083.86"; 3 months 175 824 / 7.25 = $24 251.586… → "24251.59".
     */
    const reserved = {
      scenario: { ...scenario, pricing: { reservedGpus: 8, reservedCnyPerGpuHour: 9.87, onDemandCnyPerGpuHour: 14.81 } },
      months: 3,
      growth: { kind: 'linear', startDau: 10_000, dauPerMonth: 0 },
      power: { pue: 1.25, cnyPerKwh: 0.61 },
      tokensPerUser: { uncertaintySigma: 0 },
      uncertainty: { growthRateSigma: 0, gpuHourPriceSigma: 0, efficiencySigma: 0 },
      samples: 10,
      seed: 1,
    };
    const rate = { cnyPerUsd: 7.25, asOf: '2025-11-28', source: 'PBoC central parity (test figure)' };

    it('defaults to CNY at the documented dated rate, stored with the forecast', async () => {
      const res = await request(t.http).post('/v1/forecasts').send(reserved).expect(201);
      expect(res.body.reportingCurrency).toBe('CNY');
      expect(res.body.exchangeRate).toEqual({ cnyPerUsd: 7.2, asOf: '2025-12-31', source: expect.stringContaining('7.2') });
      expect(res.body.exchangeRateDate).toBe('2025-12-31');
      expect(res.body.result.months[0].money.deterministic.cost).toEqual({ currency: 'CNY', amount: '58608.00' });
      expect(res.body.result.money.deterministicTotalCost).toEqual({ currency: 'CNY', amount: '175824.00' });
    });

    it('USD at a dated rate: every money block in USD, to the cent by hand; the rate comes back with the stored forecast and in the CSV', async () => {
      const res = await request(t.http).post('/v1/forecasts').send({ ...reserved, currency: 'USD', exchangeRate: rate }).expect(201);
      const got = (await request(t.http).get(`/v1/forecasts/${res.body.id}`).expect(200)).body;
      expect(got.reportingCurrency).toBe('USD');
      expect(got.exchangeRate).toEqual(rate);
      expect(got.cnyPerUsd).toBe(7.25);
      expect(got.exchangeRateDate).toBe('2025-11-28');
      const m1 = got.result.months[0];
      expect(m1.money.deterministic.cost).toEqual({ currency: 'USD', amount: '8083.86' });
      expect(m1.money.costPerMonth).toEqual({ currency: 'USD', p10: '8083.86', p50: '8083.86', p90: '8083.86', mean: '8083.86' });
      expect(got.result.money.deterministicTotalCost).toEqual({ currency: 'USD', amount: '24251.59' });
      expect(got.result.money.totalCost.p50).toBe('24251.59');
      // The legacy CNY numbers are unchanged by the reporting currency.
      expect(m1.costCnyPerMonth.p50).toBe(58_608);
      const d = m1.money.deterministic;
      expect(d.commitment.reservedGpuHoursPerMonth).toBe(5760);
      expect(d.commitment.breakEvenUtilizationFraction).toBeCloseTo(10.175 / 15.115, 12);
      expect(d.allocationBasis.costPerMillionOutputTokens.currency).toBe('USD');
      expect(Number(d.idleCost.amount) + Number(d.usageCost.amount)).toBeCloseTo(8083.86, 1);
      const csv = (await request(t.http).get(`/v1/forecasts/${res.body.id}/months.csv`).expect(200)).text.trim().split('\n');
      const header = csv[0]!.split(',');
      const row1 = csv[1]!.split(',');
      expect(row1[header.indexOf('currency')]).toBe('USD');
      expect(row1[header.indexOf('deterministicCost')]).toBe('8083.86');
      expect(row1[header.indexOf('cost_p50')]).toBe('8083.86');
      expect(Number(row1[header.indexOf('deterministicCostCnyPerMonth')])).toBe(58_608);
    });

    it.each([
      ['an unknown currency', { currency: 'EUR' }, 'currency'],
      ['a rate date that is not a date', { exchangeRate: { ...rate, asOf: 'yesterday' } }, 'exchangeRate.asOf'],
      ['a rate date that does not exist', { exchangeRate: { ...rate, asOf: '2025-02-30' } }, 'exchangeRate.asOf'],
      ['a rate without a source', { exchangeRate: { cnyPerUsd: 7.2, asOf: '2025-11-28' } }, 'exchangeRate.source'],
      ['a scenario rate without a dated forecast rate', { scenario: { ...scenario, pricing: { cnyPerUsd: 7.1 } } }, 'exchangeRate'],
      ['a forecast rate contradicting the scenario', { scenario: { ...scenario, pricing: { cnyPerUsd: 7.1 } }, exchangeRate: rate }, 'exchangeRate.cnyPerUsd'],
    ])('400 for %s', async (_label, extra, field) => {
      const res = await request(t.http).post('/v1/forecasts').send({ ...reserved, ...extra });
      expect(res.status).toBe(400);
      expect(res.body.details.map((x: any) => x.field)).toContain(field);
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

  describe('a forecast that references a calibration profile', () => {
    // The synthetic set was generated from η_compute 0.5, η_memory 0.7, 1 ms overhead (defaults 0.6, 0.8, 2 ms)
    // with exact step times, so its relative residuals are ≈ 0. Only efficiency is left uncertain, so the
    // GPU band's width is the efficiency σ's alone: default 0.1 without the profile, ≈ 0 with it.
    const certainElse = { uncertainty: { growthRateSigma: 0, gpuHourPriceSigma: 0 }, tokensPerUser: { uncertaintySigma: 0 } };
    let profile: any;
    let base: any;
    let calibrated: any;
    beforeAll(async () => {
      profile = (await request(t.http).post('/v1/calibrations').send(JSON.parse(JSON.stringify(syntheticMeasurementSet()))).expect(201)).body;
      base = (await request(t.http).post('/v1/forecasts').send(body(certainElse)).expect(201)).body;
      calibrated = (await request(t.http).post('/v1/forecasts').send(body({ ...certainElse, calibrationProfileId: profile.id })).expect(201)).body;
    });

    it('says in method that the coefficients and the efficiency σ come from the profile’s residuals', () => {
      const said = calibrated.result.method.filter((line: string) => line.includes(profile.id));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/relative step-time residuals/);
      expect(base.result.method.some((line: string) => line.includes('calibration profile'))).toBe(false);
      expect(nonFiniteNumberPaths(calibrated.result)).toEqual([]);
    });

    it('lowers throughput per replica and raises the deterministic month’s busy GPU-hours, as η 0.5 / 0.7 below 0.6 / 0.8 predict', () => {
      const b = base.result.months[11].deterministic;
      const c = calibrated.result.months[11].deterministic;
      expect(calibrated.result.hardware[0].decodeTokensPerSecondPerReplica).toBeLessThan(base.result.hardware[0].decodeTokensPerSecondPerReplica);
      expect(c.dau).toBe(b.dau);
      expect(c.busyGpuHoursPerMonth).toBeGreaterThan(b.busyGpuHoursPerMonth);
      expect(c.gpuHoursPerMonth).toBeGreaterThanOrEqual(b.gpuHoursPerMonth);
      expect(c.costCnyPerMonth).toBeGreaterThanOrEqual(b.costCnyPerMonth);
    });

    it('replaces the default efficiency σ 0.1 by the profile’s ≈ 0: the GPU band narrows', () => {
      const b = base.result.months[11].gpusAtPeak;
      const c = calibrated.result.months[11].gpusAtPeak;
      // σ 0.1: P90 / P10 ≈ e^(2 × 1.28155 × 0.1) = 1.29; residual sd < 0.001 leaves the band within rounding of one replica.
      expect(b.p90 / b.p10).toBeGreaterThan(1.2);
      expect(c.p90 / c.p10).toBeLessThan(1.05);
    });

    it('takes the id in the scenario too, with the same result', async () => {
      const viaScenario = await request(t.http).post('/v1/forecasts').send(body({ ...certainElse, scenario: { ...scenario, calibrationProfileId: profile.id } })).expect(201);
      expect(JSON.stringify(viaScenario.body.result)).toBe(JSON.stringify(calibrated.result));
    });

    it('404 naming calibrationProfileId for an unknown profile; 400 for two different ids', async () => {
      const unknown = await request(t.http).post('/v1/forecasts').send(body({ calibrationProfileId: '00000000-0000-4000-8000-000000000000' })).expect(404);
      expect(unknown.body.details[0].field).toBe('calibrationProfileId');
      const inScenario = await request(t.http)
        .post('/v1/forecasts')
        .send(body({ scenario: { ...scenario, calibrationProfileId: '00000000-0000-4000-8000-000000000000' } }))
        .expect(404);
      expect(inScenario.body.details[0].field).toBe('scenario.calibrationProfileId');
      const two = await request(t.http)
        .post('/v1/forecasts')
        .send(body({ calibrationProfileId: profile.id, scenario: { ...scenario, calibrationProfileId: '00000000-0000-4000-8000-000000000000' } }))
        .expect(400);
      expect(two.body.details[0].field).toBe('calibrationProfileId');
    });
  });

  describe('a forecast whose supply follows an autoscaling plan', () => {
    // The diurnal day of test/autoscaling.e2e-spec.ts, planned by static peak and HPA only.
    const planScenario = {
      ...scenario,
      deployment: { prefillChunkTokens: 1024, maxBatchSequences: 32 },
      workload: { dailyActiveUsers: 20_000, tokensPerUserPerDay: 20_000, requestSizes: { meanPromptTokens: 1155, promptTokensCv: 1, meanOutputTokens: 211, outputTokensCv: 1 } },
    };
    const planBody = { scenario: planScenario, workload: { kind: 'synthetic', durationSeconds: 86_400 }, intervalSeconds: 7200, policies: ['static-peak', 'hpa'] };
    const certain = { uncertainty: { growthRateSigma: 0, gpuHourPriceSigma: 0, efficiencySigma: 0 }, tokensPerUser: { uncertaintySigma: 0 }, samples: 200 };
    let plan: any;
    beforeAll(async () => {
      const res = await request(t.http).post('/v1/autoscaling/plans').send(planBody).expect(202);
      const seen = await pollJob(t, res.body.job.id, finished, 150_000);
      expect(seen.at(-1)!.state).toBe('succeeded');
      plan = (await request(t.http).get(`/v1/autoscaling/plans/${res.body.id}`).expect(200)).body;
    }, 180_000);

    it('pays ceil(peak GPUs × 24 × HPA ÷ static-peak GPU-hours) a day, and says so in method', async () => {
      const [staticPeak, hpa] = plan.result.plans;
      expect(staticPeak.policy).toBe('static-peak');
      expect(hpa.policy).toBe('hpa');
      const f = hpa.gpuHours / staticPeak.gpuHours;
      expect(f).toBeLessThan(1);
      const res = await request(t.http).post('/v1/forecasts').send(body({ ...certain, autoscalingPlanId: plan.id, policy: 'hpa' })).expect(201);
      for (const m of res.body.result.months) {
        const d = m.deterministic;
        // e.g. 40 GPUs at peak, f = 0.75: ceil(40 × 24 × 0.75) = 720 GPU-hours a day, × 30 days.
        expect(d.gpuHoursPerMonth).toBe(Math.ceil(d.gpusAtPeak * 24 * f - 1e-9) * 30);
        expect(m.gpuHoursPerMonth.p50).toBe(d.gpuHoursPerMonth);
      }
      const said = res.body.result.method.filter((line: string) => line.includes(plan.id));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain('policy hpa');
      expect(nonFiniteNumberPaths(res.body.result)).toEqual([]);
      const asStatic = await request(t.http).post('/v1/forecasts').send(body({ ...certain, autoscalingPlanId: plan.id, policy: 'static-peak' })).expect(201);
      const m12 = asStatic.body.result.months[11].deterministic;
      // Static peak: the peak hour's GPUs all day, 24 × 30 = 720 h each.
      expect(m12.gpuHoursPerMonth).toBe(m12.gpusAtPeak * 720);
      expect(res.body.result.months[11].deterministic.costCnyPerMonth).toBeLessThan(m12.costCnyPerMonth);
    });

    it('404 naming autoscalingPlanId for an unknown plan; 400 naming policy when missing or not planned', async () => {
      const unknown = await request(t.http).post('/v1/forecasts').send(body({ autoscalingPlanId: '00000000-0000-4000-8000-000000000000', policy: 'hpa' })).expect(404);
      expect(unknown.body.details[0].field).toBe('autoscalingPlanId');
      const noPolicy = await request(t.http).post('/v1/forecasts').send(body({ autoscalingPlanId: plan.id })).expect(400);
      expect(noPolicy.body.details[0].field).toBe('policy');
      const notPlanned = await request(t.http).post('/v1/forecasts').send(body({ autoscalingPlanId: plan.id, policy: 'kpa' })).expect(400);
      expect(notPlanned.body.details[0].field).toBe('policy');
    });

    it('409 naming autoscalingPlanId for a plan whose job did not succeed', async () => {
      const submitted = await request(t.http).post('/v1/autoscaling/plans').send(planBody).expect(202);
      await request(t.http).post(`/v1/jobs/${submitted.body.job.id}/cancel`).expect(200);
      const res = await request(t.http).post('/v1/forecasts').send(body({ autoscalingPlanId: submitted.body.id, policy: 'hpa' })).expect(409);
      expect(res.body.details[0].field).toBe('autoscalingPlanId');
    });
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
