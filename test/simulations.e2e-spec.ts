import http from 'node:http';
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished, pollJob } from './support/jobs.js';
import { createTestApp, nonFiniteNumberPaths, type TestApp } from './support/test-app.js';

/*
 * Simulations and trace uploads over HTTP on the real database. The scenario is the source
 * report's deployment (kimi-2024, A100-80GB, INT8 weights) with short conversational requests so a
 * simulated quarter hour takes well under a second.
 */
const scenario = {
  modelId: 'kimi-2024',
  gpuId: 'a100-80gb',
  quantization: { weights: 'int8-w8a16', kvCache: 'bf16' },
  deployment: { prefillChunkTokens: 1024, maxBatchSequences: 32 },
  workload: { dailyActiveUsers: 20_000, tokensPerUserPerDay: 20_000, requestSizes: { meanPromptTokens: 1155, promptTokensCv: 1, meanOutputTokens: 211, outputTokensCv: 1 } },
};
const fixture = (name: string) => readFileSync(join(process.cwd(), 'libs/workload/src/traces/fixtures', name), 'utf8');

describe('simulations and traces over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const succeeded = async (location: string | undefined) => {
    if (location === undefined) throw new Error('no Location header');
    const created = await request(t.http).get(location).expect(200);
    await pollJob(t, created.body.job.id, finished, 60_000);
    const done = await request(t.http).get(location).expect(200);
    expect(done.body.state).toBe('succeeded');
    return done.body;
  };

  describe('POST /v1/simulations: a fixed fleet under synthetic traffic', () => {
    let body: any;
    beforeAll(async () => {
      const res = await request(t.http)
        .post('/v1/simulations')
        .send({ scenario, workload: { kind: 'synthetic', arrival: 'bursty', durationSeconds: 900, startHour: 21 }, replicas: 1, seed: 3 })
        .expect(202);
      expect(res.headers.location).toBe(`/v1/simulations/${res.body.id}`);
      expect(res.body.links.job).toBe(`/v1/jobs/${res.body.job.id}`);
      body = await succeeded(res.headers.location);
    });

    it('runs as a simulation job to success and stores per-class TTFT / TPOT p50, p90, p99, goodput and rejections', () => {
      expect(body.job.type).toBe('simulation');
      expect(body.progressFraction).toBe(1);
      const classes = body.result.classes;
      expect(classes.map((c: any) => c.name)).toEqual(['b2b', 'consumer']);
      for (const c of classes) {
        expect(c.arrived).toBeGreaterThan(0);
        for (const metric of ['ttft', 'tpot']) {
          expect(c[metric].p50Seconds).toBeLessThanOrEqual(c[metric].p90Seconds);
          expect(c[metric].p90Seconds).toBeLessThanOrEqual(c[metric].p99Seconds);
        }
        expect(c.goodputRequestsPerSecond).toBeGreaterThanOrEqual(0);
        expect(c.rejected).toEqual({ 'queue-full': 0, 'no-capacity': 0, 'exceeds-replica-kv': 0 });
        expect(c.completed + c.rejectedTotal).toBe(c.arrived);
      }
      expect(body.result.gpusPerReplica).toBe(4);
      expect(nonFiniteNumberPaths(body.result)).toEqual([]);
    });

    it('is stored: a second GET returns the same result', async () => {
      const again = await request(t.http).get(`/v1/simulations/${body.id}`).expect(200);
      expect(again.body.result).toEqual(body.result);
    });
  });

  it('a consumer class that rejects under overload counts its rejections (1 replica, 3× the traffic)', async () => {
    const res = await request(t.http)
      .post('/v1/simulations')
      .send({
        scenario,
        workload: { kind: 'synthetic', durationSeconds: 600, startHour: 21, dailyActiveUsers: 60_000 },
        classes: [
          { name: 'b2b', ttftSeconds: 2, tpotSeconds: 0.08, weight: 1 },
          { name: 'consumer', ttftSeconds: 5, tpotSeconds: 0.15, overloadPolicy: 'reject', weight: 3 },
        ],
        replicas: 1,
      })
      .expect(202);
    const body = await succeeded(res.headers.location);
    const [b2b, consumer] = body.result.classes;
    expect(consumer.rejected['no-capacity']).toBeGreaterThan(0);
    expect(b2b.rejectedTotal).toBe(0);
  });

  it('a policy instead of a fixed fleet: the HPA plan is replayed and reported with the simulation', async () => {
    const res = await request(t.http)
      .post('/v1/simulations')
      .send({ scenario, workload: { kind: 'synthetic', durationSeconds: 1800, startHour: 8 }, policy: 'hpa', intervalSeconds: 300 })
      .expect(202);
    const body = await succeeded(res.headers.location);
    expect(body.result.plan.policy).toBe('hpa');
    expect(body.result.plan.intervals).toHaveLength(6);
    expect(body.result.plan.replay.classes).toHaveLength(2);
  });

  it('400 when both or neither of replicas and policy are given, and when a cap is passed (naming the limit and the value)', async () => {
    const both = await request(t.http).post('/v1/simulations').send({ scenario, workload: { kind: 'synthetic' }, replicas: 1, policy: 'hpa' }).expect(400);
    expect(both.body.details[0].field).toBe('replicas');
    const long = await request(t.http).post('/v1/simulations').send({ scenario, workload: { kind: 'synthetic', durationSeconds: 200_000 }, replicas: 1 }).expect(400);
    expect(long.body.code).toBe('limit_exceeded');
    expect(long.body.message).toContain('200000');
    expect(long.body.message).toContain('86400');
    const many = await request(t.http)
      .post('/v1/simulations')
      .send({ scenario, workload: { kind: 'synthetic', durationSeconds: 86_400, dailyActiveUsers: 100_000_000 }, replicas: 1 })
      .expect(400);
    expect(many.body.code).toBe('limit_exceeded');
    expect(many.body.message).toMatch(/limit of 2000000/);
  });

  it('can be cancelled while queued or running', async () => {
    const res = await request(t.http).post('/v1/simulations').send({ scenario, workload: { kind: 'synthetic', durationSeconds: 86_400 }, replicas: 2 }).expect(202);
    const cancelled = await request(t.http).post(`/v1/simulations/${res.body.id}/cancel`);
    if (cancelled.status === 200) expect(cancelled.body.job.state).toBe('cancelled');
    else expect(cancelled.status).toBe(409); // it finished first
  });

  describe('trace upload', () => {
    it('a good Azure trace → 201 with its request count, readable back, and usable by a simulation', async () => {
      const text = fixture('azure-2023-code-first-50.csv');
      const res = await request(t.http).post('/v1/traces?format=azure&name=azure-code-50').set('Content-Type', 'text/csv').send(text).expect(201);
      expect(res.body.requestCount).toBe(50);
      expect(res.body.format).toBe('azure-llm-2023');
      expect(res.headers.location).toBe(`/v1/traces/${res.body.id}`);
      const got = await request(t.http).get(`/v1/traces/${res.body.id}`).expect(200);
      expect(got.body.requestCount).toBe(50);
      const sim = await request(t.http).post('/v1/simulations').send({ scenario, workload: { kind: 'trace', traceId: res.body.id }, replicas: 1 }).expect(202);
      const body = await succeeded(sim.headers.location);
      expect(body.result.classes[0].arrived + body.result.classes[1].arrived).toBe(50);
    });

    it('a Mooncake trace (JSONL) keeps its prefix hashes: the KV-aware router replays it', async () => {
      const res = await request(t.http).post('/v1/traces?format=mooncake').set('Content-Type', 'application/x-ndjson').send(fixture('mooncake-synthetic-first-60.jsonl')).expect(201);
      expect(res.body.requestCount).toBe(60);
      expect(res.body.prefixCacheHitFraction).toBeGreaterThan(0);
      const sim = await request(t.http).post('/v1/simulations').send({ scenario: { ...scenario, deployment: {} }, workload: { kind: 'trace', traceId: res.body.id }, replicas: 2, router: 'kv-aware' }).expect(202);
      const body = await succeeded(sim.headers.location);
      expect(body.result.classes[0].arrived + body.result.classes[1].arrived).toBe(60);
    });

    it('a small trace given inline (BurstGPT CSV) runs without being stored; the record keeps only its size', async () => {
      const text = fixture('burstgpt-format-sample.csv');
      const records = text.trim().split('\n').length - 1;
      const sim = await request(t.http).post('/v1/simulations').send({ scenario, workload: { kind: 'trace', trace: { format: 'burstgpt', text } }, replicas: 1 }).expect(202);
      const body = await succeeded(sim.headers.location);
      expect(body.result.classes[0].arrived + body.result.classes[1].arrived).toBe(records);
      const row = (await t.dataSource.query('SELECT request FROM "simulations" WHERE id = $1', [body.id]))[0];
      expect(row.request.workload.trace.text).toBe(`(${text.length} characters)`);
    });

    it('a malformed line 37 → 400 naming line 37 and the field; no row is left in the traces table', async () => {
      const before = Number((await t.dataSource.query('SELECT count(*) AS n FROM "traces"'))[0].n);
      const lines = fixture('azure-2023-code-first-50.csv').split('\n');
      // Line 37 of the file (the header is line 1): ContextTokens becomes "12x".
      const cells = lines[36]!.split(',');
      lines[36] = `${cells[0]},12x,${cells[2]}`;
      const res = await request(t.http).post('/v1/traces?format=azure').set('Content-Type', 'text/csv').send(lines.join('\n')).expect(400);
      expect(res.body.message).toContain('line 37');
      expect(res.body.message).toContain('ContextTokens');
      expect(res.body.details[0].field).toBe('line[37].ContextTokens');
      const after = Number((await t.dataSource.query('SELECT count(*) AS n FROM "traces"'))[0].n);
      expect(after).toBe(before);
    });

    it('a body over the limit → 413 naming the limit', async () => {
      const header = 'TIMESTAMP,ContextTokens,GeneratedTokens\n';
      const row = '2023-11-16 18:17:03.9799600,4808,10\n';
      const big = header + row.repeat(Math.ceil((32 * 1024 * 1024) / row.length) + 10);
      const res = await request(t.http).post('/v1/traces?format=azure').set('Content-Type', 'text/csv').send(big).expect(413);
      expect(res.body.code).toBe('payload_too_large');
      expect(res.body.message).toContain(String(32 * 1024 * 1024));
    });

    it('a chunked body with no Content-Length is counted as it streams: 413 once past the limit, nothing stored', async () => {
      const before = Number((await t.dataSource.query('SELECT count(*) AS n FROM "traces"'))[0].n);
      const server = t.http.listening ? t.http : t.http.listen(0);
      const port = (server.address() as { port: number }).port;
      // One endless line: the reader never sees its end, so only the byte count can stop it.
      const chunk = 'x'.repeat(1024 * 1024);
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ port, method: 'POST', path: '/v1/traces?format=azure', headers: { 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' } }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.write('TIMESTAMP,ContextTokens,GeneratedTokens\n');
        // 40 MiB in 1 MiB chunks, past the 32 MiB limit.
        let sent = 0;
        const pump = () => {
          while (sent < 40) {
            sent++;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      });
      expect(status).toBe(413);
      expect(JSON.parse(body).message).toContain(String(32 * 1024 * 1024));
      const after = Number((await t.dataSource.query('SELECT count(*) AS n FROM "traces"'))[0].n);
      expect(after).toBe(before);
    });

    it('a simulation naming a trace that is not stored → 404, or not a UUID → 400, both naming workload.traceId', async () => {
      const missing = await request(t.http).post('/v1/simulations').send({ scenario, workload: { kind: 'trace', traceId: '00000000-0000-4000-8000-000000000000' }, replicas: 1 }).expect(404);
      expect(missing.body.details[0].field).toBe('workload.traceId');
      const malformed = await request(t.http).post('/v1/simulations').send({ scenario, workload: { kind: 'trace', traceId: 'abc' }, replicas: 1 }).expect(400);
      expect(malformed.body.details[0].field).toBe('workload.traceId');
    });

    it('an unknown format → 400 naming format; a JSON body → 415', async () => {
      const bad = await request(t.http).post('/v1/traces?format=csv').set('Content-Type', 'text/csv').send('x').expect(400);
      expect(bad.body.details[0].field).toBe('format');
      await request(t.http).post('/v1/traces?format=azure').send({ a: 1 }).expect(415);
    });
  });
});
