import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { pollJob, sweepRequest } from './support/jobs.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres.js';

/**
 * The service as loopback users get it (open mode), on a PostgreSQL server of its own that this
 * spec can stop and start: headers, request ids, limits, probes, metrics, and the database going
 * away under load and coming back without a service restart.
 */
describe('hardening: headers, probes, metrics and PostgreSQL restarts', () => {
  let pg: ThrowawayPostgres;
  let t: TestApp;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, DATABASE_QUERY_TIMEOUT_MS: process.env.DATABASE_QUERY_TIMEOUT_MS };

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    process.env.DATABASE_URL = pg.url;
    delete process.env.REDIS_URL; // this spec is about PostgreSQL; Redis gets its own fault test
    process.env.DATABASE_QUERY_TIMEOUT_MS = '1000'; // the hung-server case below waits for it
    t = await createTestApp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await pg?.destroy();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('sends security headers (helmet) and no X-Powered-By', async () => {
    const res = await request(t.http).get('/v1/catalog/gpus').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('echoes a sane X-Request-Id, and replaces a missing or hostile one with a fresh UUID', async () => {
    expect((await request(t.http).get('/health/live').set('x-request-id', 'trace-42.a:b')).headers['x-request-id']).toBe('trace-42.a:b');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect((await request(t.http).get('/health/live')).headers['x-request-id']).toMatch(uuid);
    expect((await request(t.http).get('/health/live').set('x-request-id', 'has spaces\tand<tags>')).headers['x-request-id']).toMatch(uuid);
    expect((await request(t.http).get('/health/live').set('x-request-id', 'x'.repeat(129))).headers['x-request-id']).toMatch(uuid);
  });

  it('answers a body over the limit with 413 naming the limit and the size sent', async () => {
    const body = JSON.stringify({ modelId: 'x'.repeat(200_000) }); // 200 000 + the 14 bytes of {"modelId":""}
    const res = await request(t.http).post('/v1/what-if').set('content-type', 'application/json').send(body);
    expect(res.status).toBe(413);
    // body-parser's default JSON limit, '100kb', is 100 × 1024 = 102 400 bytes
    expect(res.body).toEqual({ statusCode: 413, code: 'payload_too_large', message: 'request body is larger than the limit of 102400 bytes', details: [{ field: '', reason: 'limit 102400 bytes, got 200014' }] });
  });

  it('sends no CORS headers unless origins are configured', async () => {
    const res = await request(t.http).options('/v1/what-if').set('origin', 'https://evil.example').set('access-control-request-method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('runs open on loopback without a key, but still refuses a key that is sent and wrong', async () => {
    await request(t.http).get('/v1/scenarios').expect(200);
    const res = await request(t.http).get('/v1/scenarios').set('authorization', 'Bearer not-a-key');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('answers liveness always and readiness after checking the database', async () => {
    expect((await request(t.http).get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await request(t.http).get('/health/ready').expect(200)).body).toEqual({ status: 'ok', database: 'ok', redis: 'not configured' });
  });

  it('exposes Prometheus metrics: request latency by route template, job queue depth by state, job durations', async () => {
    await request(t.http).get('/v1/catalog/gpus').expect(200);
    await request(t.http).get('/v1/scenarios/00000000-0000-4000-8000-000000000000').expect(404);
    const sweep = await request(t.http).post('/v1/sweeps').send(sweepRequest(1, 64)).expect(202);
    await pollJob(t, sweep.body.id, (j) => j.state === 'succeeded', 60_000);
    const res = await request(t.http).get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.text;
    expect(text).toMatch(/^capsim_http_request_duration_seconds_count\{method="GET",route="\/v1\/catalog\/gpus",status_code="200"\} [1-9]\d*$/m);
    // the route template, not the id: label values must not grow with every id
    expect(text).toMatch(/^capsim_http_request_duration_seconds_count\{method="GET",route="\/v1\/scenarios\/:id",status_code="404"\} 1$/m);
    expect(text).toMatch(/^capsim_job_queue_depth\{state="queued"\} 0$/m);
    expect(text).toMatch(/^capsim_job_queue_depth\{state="succeeded"\} 1$/m);
    expect(text).toMatch(/^capsim_job_duration_seconds_count\{type="sweep",state="succeeded"\} 1$/m);
    expect(text).toMatch(/^capsim_database_up 1$/m);
  });

  it('fails fast with 503 database_unavailable while PostgreSQL is down under load, and recovers without a service restart', async () => {
    await request(t.http).post('/v1/scenarios').send({ name: 'before the restart', scenario: sweepRequest(1, 64).base }).expect(201);
    const seen: { status: number; code?: string; ms: number; phase: string }[] = [];
    let phase = 'up';
    let running = true;
    const worker = async () => {
      while (running) {
        const started = performance.now();
        const res = await request(t.http).get('/v1/scenarios');
        seen.push({ status: res.status, code: res.body?.code, ms: performance.now() - started, phase });
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await sleep(500);
    await pg.stop();
    phase = 'down';
    await sleep(2_000);
    const ready = await request(t.http).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details).toEqual([{ field: 'database', reason: expect.stringMatching(/^unreachable: /) }]);
    phase = 'restarting';
    await pg.start();
    phase = 'back';
    await sleep(2_000);
    running = false;
    await Promise.all(workers);

    const down = seen.filter((s) => s.phase === 'down');
    const back = seen.filter((s) => s.phase === 'back');
    // no 500s at any time: the database being away is the client's "retry later", not a bug
    expect(seen.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);
    expect(seen.filter((s) => s.status === 503 && s.code !== 'database_unavailable')).toEqual([]);
    expect(down.length).toBeGreaterThan(20);
    expect(down.filter((s) => s.status === 503).length).toBeGreaterThan(down.length * 0.9);
    // fail fast: a refused request comes back well inside a client's patience, not after the 5 s connect timeout
    expect(Math.max(...down.map((s) => s.ms))).toBeLessThan(1_000);
    // and back without restarting the service: the last second of traffic is all 200s
    const lastSecond = back.slice(-Math.ceil(back.length / 2));
    expect(lastSecond.length).toBeGreaterThan(20);
    expect(lastSecond.every((s) => s.status === 200)).toBe(true);
    const list = await request(t.http).get('/v1/scenarios').expect(200);
    expect(list.body.items.map((s: { name: string }) => s.name)).toContain('before the restart');
    await request(t.http).get('/health/ready').expect(200);
    console.log(
      `PostgreSQL restart under load: ${seen.length} requests; while down ${down.length}, ${down.filter((s) => s.status === 503).length} × 503, slowest ${Math.max(...down.map((s) => s.ms)).toFixed(0)} ms; after restart ${back.filter((s) => s.status === 200).length}/${back.length} × 200`,
    );
  }, 60_000);

  it('answers 503 database_unavailable while PostgreSQL hangs (stopped, connections open), instead of holding requests forever', async () => {
    await request(t.http).get('/v1/scenarios').expect(200); // a warm pool: the hang catches open connections
    pg.pause();
    let timings: { status: number; code?: string; ms: number }[];
    try {
      timings = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const started = performance.now();
          const res = await request(t.http).get('/v1/scenarios');
          return { status: res.status, code: res.body?.code, ms: performance.now() - started };
        }),
      );
    } finally {
      pg.resume();
    }
    // open connections give up at DATABASE_QUERY_TIMEOUT_MS (1 s here), new ones at the 5 s connect timeout
    expect(timings.map((r) => [r.status, r.code])).toEqual(timings.map(() => [503, 'database_unavailable']));
    expect(Math.max(...timings.map((r) => r.ms))).toBeLessThan(7_000);
    // and the service carries on once the server answers again
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await request(t.http).get('/v1/scenarios')).status;
      if (status !== 200) await sleep(250);
    }
    expect(status).toBe(200);
    console.log(`PostgreSQL hung: ${timings.length} requests → 503 in ${timings.map((r) => r.ms.toFixed(0)).join(', ')} ms`);
  }, 60_000);
});
