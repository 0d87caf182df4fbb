import { jest } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { finished, getJob, pollJob, sweepRequest } from './support/jobs.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Redis killed (SIGKILL) while sweeps run on BullMQ workers, then restarted empty on the same port
 * (no persistence: the queue is lost). The API keeps answering from PostgreSQL, readiness names
 * Redis while it is down, and on reconnect the API re-enqueues every pending chunk from PostgreSQL,
 * so every job finishes without restarting the app or the workers. Runs where jobs-bullmq runs
 * (CAPSIM_TEST_REDIS_URL or REDIS_URL, and DATABASE_URL), but on its own throwaway redis-server.
 */
const enabled = Boolean((process.env.CAPSIM_TEST_REDIS_URL ?? process.env.REDIS_URL) && process.env.DATABASE_URL);
const WORKER_ENV = { JOBS_LOCK_MS: '2000', JOBS_STALLED_INTERVAL_MS: '500', LOG_LEVEL: 'error' };

jest.setTimeout(60_000);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start within 10 s')), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}

async function kill(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await Promise.race([exited, sleep(10_000, undefined, { ref: false })]);
}

function startWorker(redisUrl: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', './test/support/ts-loader/register.mjs', 'apps/api/src/worker.ts'], {
    env: { ...process.env, ...WORKER_ENV, REDIS_URL: redisUrl },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  return child;
}

(enabled ? describe : describe.skip)('Redis restarted while jobs run (throwaway redis-server, BullMQ workers)', () => {
  let app: TestApp;
  let redis: ChildProcess | undefined;
  let port: number;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const redisUrl = `redis://127.0.0.1:${port}`;
    process.env.REDIS_URL = redisUrl; // before the app module is first imported: the API then enqueues on BullMQ
    app = await createTestApp();
    workers.push(startWorker(redisUrl), startWorker(redisUrl));
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => kill(w, 'SIGKILL')));
    await app?.close();
    await kill(redis, 'SIGKILL');
  });

  it('keeps answering while Redis is down, re-enqueues the lost chunks on reconnect and finishes every job once', async () => {
    // 3 sweeps of 1024 points in chunks of 16: 64 chunks each, 192 in all — far more than run before the kill.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const submitted = await request(app.http).post('/v1/sweeps').send(sweepRequest(8, 16)).expect(202);
      ids.push(submitted.body.id);
    }
    await pollJob(app, ids[0]!, (j) => j.chunksDone >= 1 || finished(j), 30_000, 20);
    await kill(redis, 'SIGKILL');

    const downAt = Date.now();
    for (const id of ids) expect(['queued', 'running', 'succeeded']).toContain((await getJob(app, id)).state);
    const ready = await request(app.http).get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({ statusCode: 503, code: 'service_unavailable' });
    expect(ready.body.details.map((d: { field: string }) => d.field)).toEqual(['redis']);
    expect(Date.now() - downAt).toBeLessThan(5_000);
    await sleep(1_000);

    redis = await startRedis(port);
    const upAt = Date.now();
    for (const id of ids) {
      const seen = await pollJob(app, id, finished, 40_000, 100);
      expect(seen[seen.length - 1]).toMatchObject({ state: 'succeeded', chunksDone: 64, chunksTotal: 64 });
    }
    process.stdout.write(`all 3 jobs succeeded ${Date.now() - upAt} ms after Redis came back\n`);
    await request(app.http).get('/health/ready').expect(200);

    for (const id of ids) {
      // One result per job, one succeeded row per chunk: nothing lost, nothing stored twice.
      const [results] = await app.dataSource.query(`SELECT count(*)::int AS "n" FROM "job_results" WHERE "job_id" = $1`, [id]);
      expect(results.n).toBe(1);
      const [chunks] = await app.dataSource.query(`SELECT count(*)::int AS "n", count(DISTINCT "chunk_index")::int AS "distinct" FROM "job_chunks" WHERE "job_id" = $1 AND "state" = 'succeeded'`, [id]);
      expect(chunks).toEqual({ n: 64, distinct: 64 });
      expect((await request(app.http).get(`/v1/jobs/${id}/result`).expect(200)).body.result.pointCount).toBe(1024);
    }
  });
});
