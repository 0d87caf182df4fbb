import { readFileSync } from 'node:fs';
import request from 'supertest';
import { finished, pollJob } from './support/jobs.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Static dashboards, their chart modules and Chart.js, and the server-side PNGs, from the real app on a real database. */
const scenario = { modelId: 'kimi-2024', gpuId: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' }, workload: { dailyActiveUsers: 1_000_000, tokensPerUserPerDay: 100_000 } };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
/** Width and height from the IHDR chunk (bytes 16–23). */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** The example files the CLI reads are the bodies the API takes ($comment aside). */
const exampleBody = (name: string) => {
  const { $comment: _comment, ...body } = JSON.parse(readFileSync(`examples/${name}.json`, 'utf8'));
  return body;
};

describe('dashboards served by the API', () => {
  let t: TestApp;
  let scenarioId: string;
  let forecastId: string;
  let planId: string;
  let calibrationId: string;
  beforeAll(async () => {
    t = await createTestApp();
    scenarioId = (await request(t.http).post('/v1/scenarios').send({ name: 'source report', scenario }).expect(201)).body.id;
    forecastId = (
      await request(t.http)
        .post('/v1/forecasts')
        .send({ scenario, months: 6, growth: { kind: 'exponential', startDau: 320_000, monthlyGrowthFraction: 0.1 }, samples: 200, seed: 7, budgetCnyPerMonth: [20_000_000] })
        .expect(201)
    ).body.id;
    const plan = await request(t.http).post('/v1/autoscaling/plans').send({ ...exampleBody('plan-source-report-diurnal'), policies: ['static-peak', 'hpa'] }).expect(202);
    planId = plan.body.id;
    calibrationId = (await request(t.http).post('/v1/calibrations').send(exampleBody('calibration-measurements-sample')).expect(201)).body.id;
    await pollJob(t, plan.body.job.id, finished, 120_000);
  }, 150_000);
  afterAll(async () => {
    await t.close();
  });

  it('serves the five pages, Chart.js from node_modules and the chart builders compiled to JavaScript', async () => {
    for (const page of ['scenario', 'what-if', 'forecast', 'plan', 'calibration']) {
      const res = await request(t.http).get(`/dashboards/${page}.html`).expect(200);
      expect(res.text).toContain('/vendor/chart.js/chart.umd.min.js');
    }
    const chartJs = await request(t.http).get('/vendor/chart.js/chart.umd.min.js').expect(200);
    expect(chartJs.text.length).toBeGreaterThan(100_000);
    const builders = await request(t.http).get('/dashboards/charts/scenario-charts.js').expect(200);
    expect(builders.headers['content-type']).toMatch(/javascript/);
    expect(builders.text).toContain('export function memoryChart');
    expect(builders.text).not.toMatch(/:\s*ChartSpec\b/); // types stripped
    await request(t.http).get('/dashboards/charts/no-such-chart.js').expect(404);
    await request(t.http).get('/dashboards/charts/scenario-charts.ts').expect(404);
    await request(t.http).get('/dashboards/server/render-png.ts').expect(404);
  });

  it('returns a fresh evaluation and the roofline series of a stored scenario', async () => {
    const res = await request(t.http).get(`/v1/scenarios/${scenarioId}/chart-data`).expect(200);
    expect(res.body.scenario).toMatchObject({ id: scenarioId, name: 'source report', version: 1 });
    const direct = await request(t.http).post('/v1/what-if').send(scenario).expect(200);
    expect(res.body.evaluation.atPeak).toEqual(direct.body.atPeak);
    expect(res.body.roofline.points.filter((p: { phase: string }) => p.phase === 'decode')[0]).toMatchObject({ tokensPerStep: 1, bound: 'bandwidth' });
  });

  it.each(['memory', 'roofline'])('renders the scenario %s chart as a 1000 × 560 PNG', async (chart) => {
    const res = await request(t.http).get(`/v1/scenarios/${scenarioId}/chart.png?chart=${chart}`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = res.body as Buffer;
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 1000, height: 560 });
    expect(png.length).toBeGreaterThan(20_000); // a blank white 1000 × 560 PNG compresses to about 3 kB
  });

  it.each(['cost', 'cost-per-user', 'gpus', 'tornado'])('renders the forecast %s chart as a PNG', async (chart) => {
    const res = await request(t.http).get(`/v1/forecasts/${forecastId}/chart.png?chart=${chart}`).buffer(true).parse(binary).expect(200);
    expect((res.body as Buffer).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect((res.body as Buffer).length).toBeGreaterThan(20_000);
  });

  it('puts the measured steps of a referenced calibration profile on the scenario roofline', async () => {
    const calibrated = (await request(t.http).post('/v1/scenarios').send({ name: 'calibrated', scenario: { ...scenario, calibrationProfileId: calibrationId } }).expect(201)).body.id;
    const res = await request(t.http).get(`/v1/scenarios/${calibrated}/chart-data`).expect(200);
    const sample = exampleBody('calibration-measurements-sample');
    expect(res.body.roofline.calibration.profileId).toBe(calibrationId);
    expect(res.body.roofline.calibration.points).toEqual(
      sample.measurements.map((m: { phase: string; tokensInStep: number; stepSeconds: number }) => ({ phase: m.phase, tokensPerStep: m.tokensInStep, measuredSeconds: m.stepSeconds })),
    );
    const plain = await request(t.http).get(`/v1/scenarios/${scenarioId}/chart-data`).expect(200);
    expect(plain.body.roofline.calibration).toBeUndefined();
    await request(t.http).get(`/v1/scenarios/${calibrated}/chart.png?chart=roofline`).buffer(true).parse(binary).expect(200);
  });

  it('renders every plan chart as soon as the plan job has finished, with no GET of the plan first', async () => {
    // beforeAll waited on the job itself (GET /v1/jobs/:id), never on the plan, so the plan row has no result stored yet.
    for (const chart of ['replicas', 'attainment', 'cost']) {
      const res = await request(t.http).get(`/v1/autoscaling/plans/${planId}/chart.png?chart=${chart}`).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(pngSize(res.body as Buffer)).toEqual({ width: 1000, height: 560 });
      expect((res.body as Buffer).length).toBeGreaterThan(20_000);
    }
    expect((await request(t.http).get(`/v1/autoscaling/plans/${planId}`).expect(200)).body.state).toBe('succeeded');
  });

  it('answers 409 naming the job state for the PNG of a plan whose job is still queued or running', async () => {
    // The diurnal plan with every policy takes seconds; the PNG is asked for in the same breath as the POST.
    const plan = await request(t.http).post('/v1/autoscaling/plans').send(exampleBody('plan-source-report-diurnal')).expect(202);
    const early = await request(t.http).get(`/v1/autoscaling/plans/${plan.body.id}/chart.png`).expect(409);
    expect(early.body.message).toMatch(new RegExp(`autoscaling plan ${plan.body.id} has no result yet: its job is (queued|running)`));
    // Tidy up: cancel the run (409 if it already finished, which is fine too).
    expect([200, 409]).toContain((await request(t.http).post(`/v1/jobs/${plan.body.job.id}/cancel`)).status);
  });

  it('renders the charts of a forecast that ran as a job as soon as the job has finished, with no GET of the forecast first', async () => {
    // 20 001 samples is one more than the API evaluates inline: the forecast becomes a job (202).
    const forecast = await request(t.http)
      .post('/v1/forecasts')
      .send({ scenario, months: 3, growth: { kind: 'exponential', startDau: 320_000, monthlyGrowthFraction: 0.1 }, samples: 20_001, seed: 7 })
      .expect(202);
    const jobs = await pollJob(t, forecast.body.job.id, finished, 60_000);
    expect(jobs.at(-1)!.state).toBe('succeeded');
    for (const chart of ['cost', 'gpus']) {
      const res = await request(t.http).get(`/v1/forecasts/${forecast.body.id}/chart.png?chart=${chart}`).buffer(true).parse(binary).expect(200);
      expect((res.body as Buffer).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    }
  });

  it.each(['measured-vs-predicted', 'residuals'])('renders the calibration %s chart as a PNG', async (chart) => {
    const res = await request(t.http).get(`/v1/calibrations/${calibrationId}/chart.png?chart=${chart}`).buffer(true).parse(binary).expect(200);
    expect((res.body as Buffer).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect((res.body as Buffer).length).toBeGreaterThan(20_000);
  });

  it('names the allowed plan and calibration charts, and 404s unknown plans and profiles', async () => {
    const bad = await request(t.http).get(`/v1/calibrations/${calibrationId}/chart.png?chart=pie`).expect(400);
    expect(bad.body.details).toEqual([{ field: 'chart', reason: 'must be one of measured-vs-predicted, residuals, got "pie"' }]);
    const badPlan = await request(t.http).get(`/v1/autoscaling/plans/${planId}/chart.png?chart=pie`).expect(400);
    expect(badPlan.body.details).toEqual([{ field: 'chart', reason: 'must be one of replicas, attainment, cost, got "pie"' }]);
    await request(t.http).get('/v1/autoscaling/plans/00000000-0000-4000-8000-000000000000/chart.png').expect(404);
    await request(t.http).get('/v1/calibrations/00000000-0000-4000-8000-000000000000/chart.png').expect(404);
  });

  it('answers an unknown chart with 400 naming the field, and an unknown id with 404', async () => {
    const bad = await request(t.http).get(`/v1/scenarios/${scenarioId}/chart.png?chart=pie`).expect(400);
    expect(bad.body.details).toEqual([{ field: 'chart', reason: 'must be one of memory, roofline, got "pie"' }]);
    await request(t.http).get('/v1/forecasts/00000000-0000-4000-8000-000000000000/chart.png').expect(404);
    await request(t.http).get('/v1/scenarios/not-a-uuid/chart.png').expect(400);
  });
});
