import { jest } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import request from 'supertest';
import { CHUNK_QUEUE, redisConnection } from '../apps/api/src/jobs/runners/bullmq-runner.js';
import { finished, getJob, pollJob, sweepRequest } from './support/jobs.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The scaled-out runner against the real Redis and PostgreSQL: `capsim worker` processes (the
 * real entry, run from sources) take the chunks. Needs CAPSIM_TEST_REDIS_URL (or REDIS_URL) and
 * DATABASE_URL (CI sets both on its PostgreSQL pass); skipped otherwise. A separate variable, so
 * that the other specs of that pass keep the in-process runner. Locks are short here so that recovery after a
 * SIGKILL takes seconds, not the production 30 s.
 */
const REDIS_URL = process.env.CAPSIM_TEST_REDIS_URL ?? process.env.REDIS_URL;
const enabled = Boolean(REDIS_URL && process.env.DATABASE_URL);
const LOCK_MS = 2000;
const WORKER_ENV = { JOBS_LOCK_MS: String(LOCK_MS), JOBS_STALLED_INTERVAL_MS: '500', LOG_LEVEL: 'warn' };

interface WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly stderr: string[];
}

function startWorker(): WorkerProcess {
  const child = spawn(process.execPath, ['--import', './test/support/ts-loader/register.mjs', 'apps/api/src/worker.ts'], {
    env: { ...process.env, ...WORKER_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  child.stdout!.on('data', () => undefined);
  return { child, pid: child.pid!, stderr };
}

/** A queue handle for the test's own look at Redis; BullMQ does not close a connection it was given, so close() does both. */
async function withQueue<T>(use: (queue: Queue) => Promise<T>): Promise<T> {
  const connection = redisConnection(REDIS_URL!);
  const queue = new Queue(CHUNK_QUEUE, { connection });
  try {
    return await use(queue);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

async function waitForWorkers(count: number): Promise<void> {
  await withQueue(async (queue) => {
    for (let i = 0; i < 200; i++) {
      if ((await queue.getWorkers()).length >= count) return;
      await sleep(100);
    }
    throw new Error(`${count} workers did not connect within 20 s`);
  });
}

async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.child.once('exit', resolve));
  worker.child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000, undefined, { ref: false })]);
}

// jest.config's per-project testTimeout is not applied by Jest 30; these cases start processes and databases.
jest.setTimeout(60_000);

(enabled ? describe : describe.skip)('jobs on BullMQ workers (real Redis and PostgreSQL)', () => {
  let app: TestApp;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    process.env.REDIS_URL = REDIS_URL; // before the app module is first imported: the API then enqueues on BullMQ
    await withQueue((queue) => queue.obliterate({ force: true }));
    app = await createTestApp();
    workers.push(startWorker(), startWorker());
    await waitForWorkers(2);
  });

  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await app?.close();
  });

  it('splits a sweep across both worker processes and reports progress to the end', async () => {
    const submitted = await request(app.http).post('/v1/sweeps').send(sweepRequest(4, 16)).expect(202); // 512 points, 32 chunks
    const seen = await pollJob(app, submitted.body.id, finished);
    expect(seen[seen.length - 1]).toMatchObject({ state: 'succeeded', chunksDone: 32, progressFraction: 1 });
    const fractions = seen.map((j) => j.progressFraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const byWorker = (await app.dataSource.query(`SELECT "worker", count(*)::int AS "chunks" FROM "job_chunks" WHERE "job_id" = $1 GROUP BY "worker"`, [
      submitted.body.id,
    ])) as { worker: string; chunks: number }[];
    expect(byWorker).toHaveLength(2);
    expect(byWorker.map((w) => w.worker.split(':').pop()).sort()).toEqual(workers.map((w) => String(w.pid)).sort());
    const sweep = (await request(app.http).get(`/v1/sweeps/${submitted.body.id}`).expect(200)).body;
    expect(sweep.summary.pointCount).toBe(512);
  });

  it('shows a calibration run’s one chunk progressing on a worker: fractions strictly between 0 and 1 while it runs, never falling, then 1', async () => {
    // 1 group × (6 batches × 1 context + 2 prefill chunks) = 8 points, a few seconds on the tiny preset; the worker writes progress at most once a second.
    const submitted = await request(app.http)
      .post('/v1/calibrations/run')
      .send({ name: 'bullmq progress', preset: 'tiny', backend: 'reference', decodeBatchSizes: [1, 2, 4, 8, 16, 32], contextTokens: [16], prefillChunkTokens: [16, 64], repeats: 2, maxSeconds: 60 })
      .expect(202);
    const seen = await pollJob(app, submitted.body.links.job.split('/').pop(), finished, 60_000, 100);
    expect(seen[seen.length - 1]).toMatchObject({ state: 'succeeded', progressFraction: 1, chunksDone: 1, chunksTotal: 1 });
    const fractions = seen.map((j) => j.progressFraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
  });

  it('cancels a sweep: workers skip its remaining chunks and nothing is stored for it', async () => {
    const submitted = await request(app.http).post('/v1/sweeps').send(sweepRequest(15, 10)).expect(202); // 192 chunks
    await pollJob(app, submitted.body.id, (j) => j.chunksDone >= 1 || finished(j));
    await request(app.http).post(`/v1/jobs/${submitted.body.id}/cancel`).expect(200);
    await sleep(500);
    const job = await getJob(app, submitted.body.id);
    expect(job.state).toBe('cancelled');
    expect(job.chunksDone).toBeLessThan(192);
    const results = await app.dataSource.query(`SELECT 1 FROM "job_results" WHERE "job_id" = $1`, [submitted.body.id]);
    expect(results).toHaveLength(0);
  });

  it('survives SIGKILL of a worker mid-chunk: the other worker retries the chunk and finishes the job', async () => {
    // Chunks of 1000 evaluations keep a worker busy for a few hundred ms each, so the kill lands mid-chunk.
    const submitted = await request(app.http).post('/v1/sweeps').send(sweepRequest(16, 1000)).expect(202); // 2048 points, 3 chunks
    const victim = workers[0]!;
    // Wait until the victim holds a chunk, then kill it without warning.
    let held: { chunk_index: number }[] = [];
    for (let i = 0; i < 400 && held.length === 0; i++) {
      held = await app.dataSource.query(`SELECT "chunk_index" FROM "job_chunks" WHERE "job_id" = $1 AND "state" = 'running' AND "worker" LIKE $2`, [
        submitted.body.id,
        `%:${victim.pid}`,
      ]);
      if (held.length === 0) await sleep(10);
    }
    expect(held.length).toBe(1);
    victim.child.kill('SIGKILL');
    const seen = await pollJob(app, submitted.body.id, finished, 60_000);
    expect(seen[seen.length - 1]).toMatchObject({ state: 'succeeded', chunksDone: 3 });
    const [chunk] = await app.dataSource.query(`SELECT "attempts", "worker", "state" FROM "job_chunks" WHERE "job_id" = $1 AND "chunk_index" = $2`, [
      submitted.body.id,
      held[0]!.chunk_index,
    ]);
    // The killed attempt counted; the survivor ran attempt 2.
    expect(chunk).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(chunk.worker.endsWith(`:${workers[1]!.pid}`)).toBe(true);
    expect((await getJob(app, submitted.body.id)).attempts).toBe(2);
    workers[0] = startWorker();
    await waitForWorkers(2);
  });

  it('keeps running while the API restarts, and the new API reports the finished job', async () => {
    const submitted = await request(app.http).post('/v1/sweeps').send(sweepRequest(8, 16)).expect(202); // 1024 points, 64 chunks
    await pollJob(app, submitted.body.id, (j) => j.chunksDone >= 1 || finished(j));
    await app.close();
    app = await createTestApp({}, { keepData: true });
    const resumed = await getJob(app, submitted.body.id);
    expect(['running', 'succeeded']).toContain(resumed.state);
    const seen = await pollJob(app, submitted.body.id, finished, 60_000);
    expect(seen[seen.length - 1]).toMatchObject({ state: 'succeeded', chunksDone: 64 });
    expect((await request(app.http).get(`/v1/jobs/${submitted.body.id}/result`).expect(200)).body.result.pointCount).toBe(1024);
  });
});
