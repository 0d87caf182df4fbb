import { jest } from '@jest/globals';
import request from 'supertest';
import { JobStore } from '../apps/api/src/jobs/job-store.js';
import { finished, getJob, pollJob, sweepRequest } from './support/jobs.js';
import { createTestApp, nonFiniteNumberPaths, type TestApp } from './support/test-app.js';

/**
 * The embedded default: jobs run on the API's own worker-thread pool (2 threads), records in the
 * same database as everything else (in-memory PGlite here, PostgreSQL on CI's second pass).
 */
// jest.config's per-project testTimeout is not applied by Jest 30; these cases start processes and databases.
jest.setTimeout(60_000);

describe('jobs on the in-process runner', () => {
  let app: TestApp;
  const savedRedis = process.env.REDIS_URL;

  beforeAll(async () => {
    delete process.env.REDIS_URL; // this file is about the in-process runner, whatever the environment points the rest at
    process.env.JOBS_MAX_ACTIVE_PER_CLIENT = '2';
    process.env.JOBS_MAX_SWEEP_POINTS = '2000';
    process.env.JOBS_MAX_ATTEMPTS = '2';
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
    if (savedRedis !== undefined) process.env.REDIS_URL = savedRedis;
    delete process.env.JOBS_MAX_ACTIVE_PER_CLIENT;
    delete process.env.JOBS_MAX_SWEEP_POINTS;
    delete process.env.JOBS_MAX_ATTEMPTS;
  });

  it('runs a 256-point grid sweep: 202, progress that only rises, result with a Pareto front, CSV', async () => {
    const submitted = await request(app.http).post('/v1/sweeps').send(sweepRequest(2, 16)).expect(202);
    expect(submitted.headers.location).toBe(`/v1/sweeps/${submitted.body.id}`);
    expect(submitted.body).toMatchObject({ pointCount: 256, job: { type: 'sweep', chunksTotal: 256 / 16, progressFraction: 0 } });
    expect(['queued', 'running']).toContain(submitted.body.job.state);

    const seen = await pollJob(app, submitted.body.id, finished);
    const last = seen[seen.length - 1]!;
    expect(last).toMatchObject({ state: 'succeeded', progressFraction: 1, chunksDone: 16, attempts: 1, error: null, etaSeconds: null });
    const fractions = seen.map((j) => j.progressFraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));

    const sweep = (await request(app.http).get(`/v1/sweeps/${submitted.body.id}`).expect(200)).body;
    expect(sweep.summary.pointCount).toBe(256);
    expect(sweep.summary.evaluatedCount + sweep.summary.invalidCount).toBe(256);
    expect(nonFiniteNumberPaths(sweep)).toEqual([]);
    const front = sweep.summary.paretoFront as { costCnyPer30DayMonth: number; sloHeadroomFraction: number; sloFeasible: boolean }[];
    expect(front.length).toBeGreaterThan(0);
    // Along the front cost rises and headroom rises strictly: otherwise a point would dominate its neighbour.
    for (let i = 1; i < front.length; i++) {
      expect(front[i]!.costCnyPer30DayMonth).toBeGreaterThanOrEqual(front[i - 1]!.costCnyPer30DayMonth);
      expect(front[i]!.sloHeadroomFraction).toBeGreaterThan(front[i - 1]!.sloHeadroomFraction);
    }
    expect(front.every((p) => p.sloFeasible)).toBe(true);

    const csv = await request(app.http).get(`/v1/sweeps/${submitted.body.id}/points.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 256);
    expect(lines[0]!.startsWith('pointIndex,gpuId,weights,experts,kvCache,tensorParallelSize')).toBe(true);
    expect(lines.filter((l) => l.includes(',true,') && l.split(',')[16] === 'true').length).toBe(front.length);

    const result = (await request(app.http).get(`/v1/jobs/${submitted.body.id}/result`).expect(200)).body;
    expect(result.result.points).toHaveLength(256);

    const list = (await request(app.http).get('/v1/jobs?type=sweep&state=succeeded&limit=5').expect(200)).body;
    expect(list.items.map((j: { id: string }) => j.id)).toContain(submitted.body.id);
    expect(list).toMatchObject({ limit: 5, offset: 0 });
  });

  it('gives the same result for the same inputs and seed, and returns the existing job for a repeated Idempotency-Key', async () => {
    const body = sweepRequest(1, 32, { search: { mode: 'random', samples: 40, seed: 7 } });
    const first = await request(app.http).post('/v1/sweeps').set('Idempotency-Key', 'random-40-seed-7').send(body).expect(202);
    const replay = await request(app.http).post('/v1/sweeps').set('Idempotency-Key', 'random-40-seed-7').send(body).expect(200);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const other = await request(app.http)
      .post('/v1/sweeps')
      .set('Idempotency-Key', 'random-40-seed-7')
      .send({ ...body, search: { mode: 'random', samples: 40, seed: 8 } })
      .expect(409);
    expect(other.body.code).toBe('idempotency_conflict');

    const second = await request(app.http).post('/v1/sweeps').send(body).expect(202);
    expect(second.body.id).not.toBe(first.body.id);
    await pollJob(app, first.body.id, finished);
    await pollJob(app, second.body.id, finished);
    const [a, b] = await Promise.all([first, second].map((s) => request(app.http).get(`/v1/jobs/${s.body.id}/result`).expect(200)));
    expect(b!.body.result).toEqual(a!.body.result);
    expect((await getJob(app, first.body.id)).state).toBe('succeeded');
  });

  it('refuses a grid above the cap with a 400 naming the limit and the value', async () => {
    const response = await request(app.http).post('/v1/sweeps').send(sweepRequest(16, 25)).expect(400);
    expect(response.body.code).toBe('limit_exceeded');
    expect(response.body.message).toContain('2048 points');
    expect(response.body.message).toContain('limit of 2000');
    expect(response.body.details).toEqual([{ field: 'parameters', reason: 'grid of 2048 points exceeds the limit of 2000' }]);
    const samples = await request(app.http).post('/v1/sweeps').send(sweepRequest(16, 25, { search: { mode: 'random', samples: 2001 } })).expect(400);
    expect(samples.body.details[0].field).toBe('search.samples');
  });

  it('refuses a sweep without explicit SLO targets, naming the field', async () => {
    const body = sweepRequest(1, 32);
    const response = await request(app.http)
      .post('/v1/sweeps')
      .send({ ...body, base: { ...(body.base as object), slo: { ttftSeconds: 2 } } })
      .expect(400);
    expect(response.body.details[0].field).toBe('base.slo.tpotSeconds');
  });

  it('cancels a running sweep: state cancelled, no result, a second cancel is a 409; per-client limit is a 429', async () => {
    const big = sweepRequest(15, 10); // 1920 points in 192 chunks
    const a = await request(app.http).post('/v1/sweeps').set('X-Capsim-Client', 'team-a').send(big).expect(202);
    const b = await request(app.http).post('/v1/sweeps').set('X-Capsim-Client', 'team-a').send(big).expect(202);
    const c = await request(app.http).post('/v1/sweeps').set('X-Capsim-Client', 'team-a').send(big).expect(429);
    expect(c.body.code).toBe('too_many_jobs');
    expect(c.body.message).toContain('limit 2');
    await request(app.http).post('/v1/sweeps').set('X-Capsim-Client', 'team-b').send(sweepRequest(1, 64)).expect(202);

    await pollJob(app, a.body.id, (j) => j.chunksDone > 0 || finished(j));
    const cancelled = (await request(app.http).post(`/v1/jobs/${a.body.id}/cancel`).expect(200)).body;
    expect(cancelled.state).toBe('cancelled');
    await request(app.http).post(`/v1/jobs/${b.body.id}/cancel`).expect(200);
    const again = await request(app.http).post(`/v1/jobs/${a.body.id}/cancel`).expect(409);
    expect(again.body.code).toBe('job_state_conflict');
    const noResult = await request(app.http).get(`/v1/jobs/${a.body.id}/result`).expect(409);
    expect(noResult.body.message).toContain('was cancelled');
    // Chunks in flight when it was cancelled are discarded: progress stays where it stopped.
    const later = await getJob(app, a.body.id);
    expect(later.state).toBe('cancelled');
    expect(later.chunksDone).toBeLessThan(later.chunksTotal);
    await request(app.http).get('/v1/jobs?state=cancelled').expect(200).expect((r) => expect(r.body.total).toBe(2));
  });

  it('bounds attempts: a chunk whose worker keeps dying fails its job with the reason', async () => {
    // Replays, at the store level, what workers dying mid-chunk leave behind: claims without an outcome.
    const store = app.app.get(JobStore);
    const { job } = await store.submit(
      { type: 'sweep', inputs: {}, inputsHash: 'f'.repeat(64), idempotencyKey: null, clientKey: 'bounded', chunkInputs: [{}], maxAttempts: 2 },
      { maxActiveJobs: 100, maxActiveJobsPerClient: 100 },
    );
    const ref = { jobId: job.id, type: 'sweep' as const, chunkIndex: 0 };
    expect(await store.startChunk(ref, 'killed-1')).toMatchObject({ kind: 'run', attempt: 1 });
    expect(await store.startChunk(ref, 'killed-2')).toMatchObject({ kind: 'run', attempt: 2 });
    expect((await store.startChunk(ref, 'survivor')).kind).toBe('gave-up');
    const final = await getJob(app, job.id);
    expect(final).toMatchObject({ state: 'failed', attempts: 2 });
    expect(final.error).toContain('chunk 0 gave up after 2 attempts; last: the worker running it stopped');
    expect((await store.startChunk(ref, 'late')).kind).toBe('skip');
  });

  it('takes a running chunk’s own progress only upward, below 1, and not once that chunk or its job has finished', async () => {
    // At the store level, with no runner involved: two chunks claimed and completed by hand.
    const store = app.app.get(JobStore);
    const { job } = await store.submit(
      { type: 'sweep', inputs: {}, inputsHash: 'e'.repeat(64), idempotencyKey: null, clientKey: 'progress', chunkInputs: [{}, {}], maxAttempts: 2 },
      { maxActiveJobs: 100, maxActiveJobsPerClient: 100 },
    );
    const first = { jobId: job.id, type: 'sweep' as const, chunkIndex: 0 };
    const second = { jobId: job.id, type: 'sweep' as const, chunkIndex: 1 };
    expect(await store.reportChunkProgress(first, 0.5)).toBe(false); // still queued
    await store.startChunk(first, 'by-hand');
    expect(await store.reportChunkProgress(first, 0.5)).toBe(true);
    const halfOfFirst = await getJob(app, job.id);
    // (0 chunks done + 0.5) / 2 chunks.
    expect(halfOfFirst).toMatchObject({ state: 'running', progressFraction: 0.25, chunksDone: 0 });
    expect(halfOfFirst.etaSeconds).toBeGreaterThanOrEqual(0);
    expect(await store.reportChunkProgress(first, 0.3)).toBe(false);
    expect((await getJob(app, job.id)).progressFraction).toBe(0.25);

    expect(await store.completeChunk(first, [], () => ({}))).toBe('stored');
    // A late report of the finished chunk would count it twice, (1 + 0.9) / 2 = 0.95: dropped, 1 / 2 stays.
    expect(await store.reportChunkProgress(first, 0.9)).toBe(false);
    expect((await getJob(app, job.id)).progressFraction).toBe(0.5);

    await store.startChunk(second, 'by-hand');
    // (1 + 1) / 2 = 1 while the result is not stored yet: held at 0.999.
    expect(await store.reportChunkProgress(second, 1)).toBe(true);
    expect((await getJob(app, job.id)).progressFraction).toBe(0.999);
    expect(await store.completeChunk(second, [], () => ({}))).toBe('finished');
    expect(await store.reportChunkProgress(second, 0.5)).toBe(false);
    expect(await getJob(app, job.id)).toMatchObject({ state: 'succeeded', progressFraction: 1, chunksDone: 2, etaSeconds: null });
  });

  it('answers 404 for an unknown job and 400 for a malformed id', async () => {
    await request(app.http).get('/v1/jobs/00000000-0000-4000-8000-000000000000').expect(404);
    const bad = await request(app.http).get('/v1/jobs/not-a-uuid').expect(400);
    expect(bad.body.details[0].field).toBe('id');
    await request(app.http).get('/v1/jobs?state=exploded').expect(400);
  });
});
