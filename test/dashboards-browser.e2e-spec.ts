import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The dashboards in Debian's headless Chromium (never a downloaded browser), driven by
 * playwright-core, against the real app on a real database (STACK-NOTES gotcha 11). playwright-core's
 * launch() gives the browser a fresh temporary profile (it refuses a --user-data-dir argument).
 * Screenshots go to test/artifacts/ (gitignored).
 */
const CHROMIUM = process.env.CAPSIM_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
const scenario = { modelId: 'kimi-2024', gpuId: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' }, workload: { dailyActiveUsers: 1_000_000, tokensPerUserPerDay: 100_000 } };

/** The little of the DOM these tests touch inside page functions (tsconfig has no "dom" lib). */
interface BrowserGlobals {
  document: { getElementById(id: string): { textContent: string | null } | null };
}

const describeWithChromium = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`dashboards-browser: ${CHROMIUM} not found (apt-get install -y chromium); browser tests skipped`);

describeWithChromium('dashboards in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let scenarioId: string;
  let forecastId: string;
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
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
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

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
