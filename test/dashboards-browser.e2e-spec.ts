import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { finished, pollJob } from './support/jobs.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The dashboards in Debian's headless Chromium (never a downloaded browser), driven by
 * playwright-core, against the real app on a real database (STACK-NOTES gotcha 11). playwright-core's
 * launch() gives the browser a fresh temporary profile (it refuses a --user-data-dir argument).
 * Screenshots go to test/artifacts/ (gitignored).
 */
const CHROMIUM = process.env.CAPSIM_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
/** Screenshots of the newer pages also go to docs/screenshots/, where the README shows them. */
const DOC_SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');
const exampleBody = (name: string) => {
  const { $comment: _comment, ...body } = JSON.parse(readFileSync(`examples/${name}.json`, 'utf8'));
  return body;
};
const scenario = { modelId: 'kimi-2024', gpuId: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' }, workload: { dailyActiveUsers: 1_000_000, tokensPerUserPerDay: 100_000 } };

/** The little of the DOM these tests touch inside page functions (tsconfig has no "dom" lib). */
interface BrowserGlobals {
  document: { getElementById(id: string): { textContent: string | null } | null };
  Chart: { getChart(canvas: unknown): { data: { datasets: { label: string; data: unknown[] }[] }; options: { scales: Record<string, { title: { text: string } }> } } | undefined };
}

const describeWithChromium = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`dashboards-browser: ${CHROMIUM} not found (apt-get install -y chromium); browser tests skipped`);

describeWithChromium('dashboards in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let scenarioId: string;
  let forecastId: string;
  let planId: string;
  let calibrationId: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    scenarioId = (await request(t.http).post('/v1/scenarios').send({ name: 'source report: DAU 1 M, kimi-2024 INT8 on A100-80GB', scenario }).expect(201)).body.id;
    forecastId = (
      await request(t.http)
        .post('/v1/forecasts')
        .send({ name: 'growth to 1 M DAU', scenario, months: 12, growth: { kind: 'exponential', startDau: 320_000, monthlyGrowthFraction: 0.1 }, samples: 500, seed: 7, budgetCnyPerMonth: [20_000_000] })
        .expect(201)
    ).body.id;
    const plan = await request(t.http).post('/v1/autoscaling/plans').send(exampleBody('plan-source-report-diurnal')).expect(202);
    planId = plan.body.id;
    calibrationId = (await request(t.http).post('/v1/calibrations').send(exampleBody('calibration-measurements-sample')).expect(201)).body.id;
    await pollJob(t, plan.body.job.id, finished, 120_000);
    mkdirSync(ARTIFACTS, { recursive: true });
    mkdirSync(DOC_SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${path}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
    await page.goto(base + path);
    await page.waitForSelector('body[data-ready]', { timeout: 20_000 });
    return page;
  }

  /** Fraction of each canvas's pixels that Chart.js painted (alpha > 0). */
  const paintedFractions = (page: Page) =>
    page.$$eval('canvas', (canvases) =>
      canvases.map((c) => {
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
        return painted / (c.width * c.height);
      }),
    );

  it('scenario.html draws the memory breakdown and the roofline of a stored scenario without console errors', async () => {
    const page = await open(`/dashboards/scenario.html?id=${scenarioId}`);
    expect(await page.getAttribute('body', 'data-ready')).toBe('true');
    const painted = await paintedFractions(page);
    expect(painted).toHaveLength(2);
    for (const f of painted) expect(f).toBeGreaterThan(0.02);
    expect(await page.textContent('#figures')).toContain('GPUs at peak');
    await page.screenshot({ path: join(ARTIFACTS, 'scenario.png'), fullPage: true });
    await page.close();
  });

  it('what-if.html recomputes the GPU count when the DAU changes, and its URL re-opens the same view', async () => {
    const page = await open('/dashboards/what-if.html?model=kimi-2024&gpu=a100-80gb&weights=int8-w8a16&kv=bf16&dau=1000000&tokens=100000');
    const gpusAt1M = await page.textContent('#gpus');
    const direct = await request(t.http).post('/v1/what-if').send(scenario).expect(200);
    expect(gpusAt1M).toBe(direct.body.atPeak.gpus.toLocaleString('en-US'));
    await page.fill('#dau', '10000000');
    await page.waitForFunction((before) => (globalThis as unknown as BrowserGlobals).document.getElementById('gpus')!.textContent !== before, gpusAt1M, { timeout: 10_000 });
    const gpusAt10M = await page.textContent('#gpus');
    expect(Number(gpusAt10M!.replace(/,/g, ''))).toBeGreaterThan(Number(gpusAt1M!.replace(/,/g, '')));
    expect(page.url()).toContain('dau=10000000');
    for (const f of await paintedFractions(page)) expect(f).toBeGreaterThan(0.02);
    await page.screenshot({ path: join(ARTIFACTS, 'what-if.png'), fullPage: true });
    const shared = await open(page.url().slice(base.length));
    expect(await shared.inputValue('#dau')).toBe('10000000');
    expect(await shared.textContent('#gpus')).toBe(gpusAt10M);
    await shared.close();
    await page.close();
  });

  it('what-if.html switches to the coefficients fitted to published deployments and shows what POST /v1/what-if gives for them', async () => {
    const h20 = { modelId: 'qwen3-30b-a3b', gpuId: 'h20', quantization: { weights: 'bf16', kvCache: 'bf16' }, workload: { dailyActiveUsers: 3_000_000, tokensPerUserPerDay: 100_000 } };
    const page = await open('/dashboards/what-if.html?model=qwen3-30b-a3b&gpu=h20&weights=bf16&kv=bf16&dau=3000000&tokens=100000');
    const byDefault = (await request(t.http).post('/v1/what-if').send(h20).expect(200)).body;
    const fitted = (await request(t.http).post('/v1/what-if').send({ ...h20, efficiencyPreset: 'published-fit' }).expect(200)).body;
    expect(await page.textContent('#gpus')).toBe(byDefault.atPeak.gpus.toLocaleString('en-US'));
    const sequence = await page.getAttribute('body', 'data-sequence');
    await page.selectOption('#coefficients', 'published-fit');
    await page.waitForFunction((before) => (globalThis as unknown as { document: { body: { dataset: { sequence?: string } } } }).document.body.dataset.sequence !== before, sequence, { timeout: 10_000 });
    expect(await page.textContent('#gpus')).toBe(fitted.atPeak.gpus.toLocaleString('en-US'));
    expect(page.url()).toContain('coefficients=published-fit');
    await page.close();
  });

  it('what-if.html?scenario=<id> starts from a stored scenario, as the scenario page links it', async () => {
    const page = await open(`/dashboards/scenario.html?id=${scenarioId}`);
    const href = await page.getAttribute('#open-what-if', 'href');
    expect(href).toBe(`/dashboards/what-if.html?scenario=${scenarioId}`);
    const whatIf = await open(href!);
    const direct = await request(t.http).post('/v1/what-if').send(scenario).expect(200);
    expect(await whatIf.inputValue('#weights')).toBe('int8-w8a16');
    expect(await whatIf.textContent('#gpus')).toBe(direct.body.atPeak.gpus.toLocaleString('en-US'));
    await whatIf.close();
    await page.close();
  });

  it('forecast.html draws the cost band with its budget, cost per user, GPUs and the tornado', async () => {
    const page = await open(`/dashboards/forecast.html?id=${forecastId}`);
    expect(await page.getAttribute('body', 'data-ready')).toBe('true');
    const painted = await paintedFractions(page);
    expect(painted).toHaveLength(4);
    for (const f of painted) expect(f).toBeGreaterThan(0.02);
    const download = page.waitForEvent('download');
    await page.click('#chart-cost button.csv');
    const csv = await download;
    expect(csv.suggestedFilename()).toBe(`forecast-${forecastId}-cost.csv`);
    await page.screenshot({ path: join(ARTIFACTS, 'forecast.png'), fullPage: true });
    await page.close();
  });

  /** Titles of every axis and the legend labels of each chart on the page, read from Chart.js itself. */
  const chartsOnPage = (page: Page) =>
    page.$$eval('canvas', (canvases) =>
      canvases.map((c) => {
        const chart = (globalThis as unknown as BrowserGlobals).Chart.getChart(c)!;
        return { labels: chart.data.datasets.map((d) => d.label), points: chart.data.datasets.map((d) => d.data.length), axes: Object.values(chart.options.scales).map((s) => s.title.text) };
      }),
    );

  it('what-if.html recomputes the GPU count when top-k changes, through a custom model with the catalog’s other dimensions', async () => {
    const page = await open('/dashboards/what-if.html?model=kimi-2024&gpu=a100-80gb&weights=int8-w8a16&kv=bf16&dau=1000000&tokens=100000');
    expect(await page.inputValue('#experts')).toBe('16'); // kimi-2024: 16 routed experts, top-2 (libs/catalog)
    expect(await page.inputValue('#topk')).toBe('2');
    const gpusTop2 = await page.textContent('#gpus');
    await page.fill('#topk', '8');
    await page.waitForFunction((before) => (globalThis as unknown as BrowserGlobals).document.getElementById('gpus')!.textContent !== before, gpusTop2, { timeout: 10_000 });
    const gpusTop8 = Number((await page.textContent('#gpus'))!.replace(/,/g, ''));
    // Top-8 reads four times the expert weights per decoded token, so each replica decodes fewer tokens per second.
    expect(gpusTop8).toBeGreaterThan(Number(gpusTop2!.replace(/,/g, '')));
    const catalog = (await request(t.http).get('/v1/catalog/models').expect(200)).body.items.find((m: { id: string }) => m.id === 'kimi-2024');
    const { modelId: _id, ...rest } = scenario;
    const customModel = {
      id: 'kimi-2024-e16-top8',
      name: catalog.name,
      numLayers: catalog.numLayers,
      numDenseLayers: catalog.numDenseLayers,
      hiddenSize: catalog.hiddenSize,
      denseIntermediateSize: catalog.denseIntermediateSize,
      vocabSize: catalog.vocabSize,
      tieWordEmbeddings: catalog.tieWordEmbeddings,
      maxContextTokens: catalog.maxContextTokens,
      attention: catalog.attention,
      moe: { ...catalog.moe, numActiveExperts: 8 },
    };
    const direct = await request(t.http).post('/v1/what-if').send({ ...rest, customModel }).expect(200);
    expect(gpusTop8).toBe(direct.body.atPeak.gpus);
    expect(await page.textContent('#model-note')).toContain('16 routed experts per layer, top-8');
    expect(page.url()).toContain('topk=8');
    await page.screenshot({ path: join(DOC_SCREENSHOTS, 'what-if-top-k.png'), fullPage: true });
    const shared = await open(page.url().slice(base.length));
    expect(await shared.inputValue('#topk')).toBe('8');
    expect(await shared.textContent('#gpus')).toBe(gpusTop8.toLocaleString('en-US'));
    await shared.close();
    await page.close();
  });

  it('plan.html draws demand and replicas per policy with cold-start markers, SLO attainment per class and the cost table of a plan made through the API', async () => {
    const page = await open(`/dashboards/plan.html?id=${planId}`);
    expect(await page.getAttribute('body', 'data-ready')).toBe('true');
    const painted = await paintedFractions(page);
    expect(painted).toHaveLength(3);
    for (const f of painted) expect(f).toBeGreaterThan(0.02);
    const stored = (await request(t.http).get(`/v1/autoscaling/plans/${planId}`).expect(200)).body.result.plans as { policy: string; costCny: number; steps: { replicas: number }[] }[];
    const [replicas, attainment, cost] = await chartsOnPage(page);
    for (const p of stored) expect(replicas!.labels).toContain(`${p.policy} replicas`);
    expect(replicas!.labels).toContain('demand (requests/s)');
    // A policy that ever adds replicas gets cold-start markers (static peak never does).
    const scalesUp = stored.filter((p) => p.steps.some((s, i) => i > 0 && s.replicas > p.steps[i - 1]!.replicas));
    expect(scalesUp.length).toBeGreaterThan(0);
    for (const p of scalesUp) expect(replicas!.labels).toContain(`${p.policy} cold starts`);
    expect(replicas!.axes).toEqual(['time since start of plan (h)', 'replicas', 'demand (requests/s)']);
    // examples/plan-source-report-diurnal.json asks for 95 % attainment: the target line
    expect(attainment!.labels).toEqual(['b2b SLO attainment (%)', 'consumer SLO attainment (%)', 'target (95 %)']);
    expect(cost!.axes).toEqual(['policy', 'GPU-hours', 'cost (CNY)']);
    const rows = await page.$$eval('#policy-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(rows).toHaveLength(stored.length);
    expect(rows[0]).toContain('static-peak');
    expect(rows[0]).toContain(Math.round(stored[0]!.costCny).toLocaleString('en-US'));
    const download = page.waitForEvent('download');
    await page.click('#chart-replicas button.csv');
    expect((await download).suggestedFilename()).toBe(`plan-${planId}-replicas.csv`);
    await page.screenshot({ path: join(ARTIFACTS, 'plan.png'), fullPage: true });
    await page.screenshot({ path: join(DOC_SCREENSHOTS, 'plan.png'), fullPage: true });
    await page.close();
  });

  it('calibration.html shows measured vs predicted with the identity line, residuals and R² of an uploaded profile', async () => {
    const page = await open(`/dashboards/calibration.html?id=${calibrationId}`);
    expect(await page.getAttribute('body', 'data-ready')).toBe('true');
    const painted = await paintedFractions(page);
    expect(painted).toHaveLength(2);
    for (const f of painted) expect(f).toBeGreaterThan(0.02);
    // The sample was made from η_compute 0.5, η_memory 0.7 and 1 ms overhead (libs/calibration/src/testing/synthetic-measurements.ts), so the fit is exact.
    const figures = await page.textContent('#figures');
    expect(figures).toContain('1.0000R² (all points)');
    expect(figures).toContain('0.500η compute');
    expect(figures).toContain('0.700η memory');
    expect(figures).toContain('1.000step overhead (ms)');
    const [scatter, residuals] = await chartsOnPage(page);
    expect(scatter!.labels).toContain('identity (predicted = measured)');
    // 12 points: 9 fitted (6 memory-bound… split by bound) and 3 held out (indices 3, 7, 11).
    expect(scatter!.points.slice(0, 3).reduce((a, b) => a + b, 0)).toBe(12);
    expect(scatter!.points[2]).toBe(3);
    expect(scatter!.axes).toEqual(['measured step time (ms)', 'predicted step time (ms)']);
    expect(residuals!.axes).toEqual(['measured step time (ms)', 'relative residual (%)']);
    await page.screenshot({ path: join(ARTIFACTS, 'calibration.png'), fullPage: true });
    await page.close();
    // The README shows a real sweep (the reference engine on a 2-vCPU machine), residuals and all.
    const real = (await request(t.http).post('/v1/calibrations').send(exampleBody('calibration-measurements-reference-engine')).expect(201)).body;
    const realPage = await open(`/dashboards/calibration.html?id=${real.id}`);
    expect(await realPage.textContent('#figures')).toContain(`${real.fit.rSquared.toFixed(4)}R² (all points)`);
    for (const f of await paintedFractions(realPage)) expect(f).toBeGreaterThan(0.02);
    await realPage.screenshot({ path: join(DOC_SCREENSHOTS, 'calibration.png'), fullPage: true });
    await realPage.close();
  });

  it('scenario.html puts the calibration points of the profile a scenario references on its roofline', async () => {
    const calibrated = (await request(t.http).post('/v1/scenarios').send({ name: 'calibrated source report', scenario: { ...scenario, calibrationProfileId: calibrationId } }).expect(201)).body.id;
    const page = await open(`/dashboards/scenario.html?id=${calibrated}`);
    expect(await page.getAttribute('#open-calibration', 'href')).toBe(`/dashboards/calibration.html?id=${calibrationId}`);
    const [, roofline] = await chartsOnPage(page);
    const index = roofline!.labels.findIndex((l) => l.startsWith('calibration points, measured'));
    expect(index).toBeGreaterThan(-1);
    expect(roofline!.points[index]).toBe(12); // the sample's 12 measurements
    await page.screenshot({ path: join(DOC_SCREENSHOTS, 'scenario-calibrated.png'), fullPage: true });
    await page.close();
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});

