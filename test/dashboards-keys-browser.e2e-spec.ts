import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { createTestApp, type TestApp } from './support/test-app.js';

// Its own file: the app's configuration (auth mode) is read once per module registry, and the
// other browser spec runs the app open.
const CHROMIUM = process.env.CAPSIM_CHROMIUM ?? '/usr/bin/chromium';
const describeWithChromium = existsSync(CHROMIUM) ? describe : describe.skip;
const scenario = { modelId: 'kimi-2024', gpuId: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' }, workload: { dailyActiveUsers: 1_000_000, tokensPerUserPerDay: 100_000 } };

/**
 * A server that requires keys (any non-loopback HOST): the pages themselves are public, their API
 * calls are not. A page that gets 401 asks for a key, keeps it in the tab's sessionStorage and sends
 * it as Authorization: Bearer on every API call, including the PNG and CSV links.
 */
describeWithChromium('dashboards on a server that requires API keys', () => {
  const ADMIN_KEY = 'dashboard-admin-key-0123456789abcdef-xyz';
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let forecastId: string;

  beforeAll(async () => {
    t = await createTestApp({ CAPSIM_AUTH: 'required', CAPSIM_ADMIN_KEY: ADMIN_KEY });
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    const auth = { Authorization: `Bearer ${ADMIN_KEY}` };
    await request(t.http).post('/v1/scenarios').set(auth).send({ name: 'keyed: kimi-2024 INT8', scenario }).expect(201);
    forecastId = (await request(t.http).post('/v1/forecasts').set(auth).send({ name: 'keyed forecast', scenario, months: 3, growth: { kind: 'exponential', startDau: 320_000, monthlyGrowthFraction: 0.1 }, samples: 200, seed: 3 }).expect(201)).body.id;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('asks for a key on 401, then lists the scenarios with it after the reload; a refused key is dropped and asked for again', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/dashboards/scenario.html`);
    await page.waitForSelector('body[data-ready]');
    expect(await page.getAttribute('body', 'data-ready')).toBe('error');
    expect(await page.textContent('#api-key-form')).toContain('an API key is required');
    await page.fill('#api-key-form input', ADMIN_KEY);
    await Promise.all([page.waitForEvent('load'), page.click('#api-key-form button')]);
    await page.waitForSelector('body[data-ready]');
    expect(await page.getAttribute('body', 'data-ready')).toBe('true');
    expect(await page.textContent('main')).toContain('keyed: kimi-2024 INT8');
    expect(await page.$('#api-key-form')).toBeNull();

    await page.evaluate(() => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('capsim.apiKey', 'not-a-real-key'));
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    expect(await page.getAttribute('body', 'data-ready')).toBe('error');
    expect(await page.textContent('#api-key-form')).toContain('not valid');
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('capsim.apiKey'))).toBeNull();
    await page.close();
  });

  it('draws a forecast with the key and fetches its server-rendered PNG with the key too', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/dashboards/forecast.html`);
    await page.evaluate((key) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('capsim.apiKey', key), ADMIN_KEY);
    await page.goto(`${base}/dashboards/forecast.html?id=${forecastId}`);
    await page.waitForSelector('body[data-ready]', { timeout: 20_000 });
    expect(await page.getAttribute('body', 'data-ready')).toBe('true');
    const pngRequests: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (r.url().includes('chart.png')) pngRequests.push(r.headers()['authorization']);
    });
    const popup = page.waitForEvent('popup');
    await page.click('#chart-cost a.png');
    expect((await popup).url()).toMatch(/^blob:/);
    expect(pngRequests).toEqual([`Bearer ${ADMIN_KEY}`]);
    await page.close();
  });
});
