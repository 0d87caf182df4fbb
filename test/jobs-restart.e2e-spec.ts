import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { finished, getJob, pollJob, sweepRequest } from './support/jobs.js';
import { createTestApp } from './support/test-app.js';

/**
 * Stop the service in the middle of a sweep and start it again: the job is still there, still
 * running, and the new process finishes it (embedded PGlite on disk here; PostgreSQL on CI's second pass).
 */
// jest.config's per-project testTimeout is not applied by Jest 30; these cases start processes and databases.
jest.setTimeout(60_000);

describe('in-process jobs across an API restart', () => {
  const savedRedis = process.env.REDIS_URL;
  const dir = mkdtempSync(join(tmpdir(), 'capsim-jobs-'));

  beforeAll(() => {
    delete process.env.REDIS_URL;
  });
  afterAll(() => {
    if (savedRedis !== undefined) process.env.REDIS_URL = savedRedis;
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes reporting and finishes the sweep after a restart mid-job', async () => {
    const env = { PGLITE_DATA_DIR: join(dir, 'pglite') };
    const first = await createTestApp(env);
    const submitted = await request(first.http).post('/v1/sweeps').send(sweepRequest(8, 16)).expect(202); // 1024 points, 64 chunks
    const before = await pollJob(first, submitted.body.id, (j) => j.chunksDone >= 2 || finished(j));
    expect(before[before.length - 1]!.state).toBe('running');
    await first.close();

    const second = await createTestApp(env, { keepData: true });
    try {
      const resumed = await getJob(second, submitted.body.id);
      expect(resumed.state).toBe('running');
      expect(resumed.chunksDone).toBeGreaterThanOrEqual(2);
      expect(resumed.chunksDone).toBeLessThan(64);
      const seen = await pollJob(second, submitted.body.id, finished, 60_000);
      expect(seen[seen.length - 1]).toMatchObject({ state: 'succeeded', chunksDone: 64, progressFraction: 1 });
      const result = (await request(second.http).get(`/v1/jobs/${submitted.body.id}/result`).expect(200)).body.result;
      expect(result.pointCount).toBe(1024);
      // Every point exactly once: chunks done before the restart were not redone into duplicates.
      expect(new Set(result.points.map((p: { pointIndex: number }) => p.pointIndex)).size).toBe(1024);
    } finally {
      await second.close();
    }
  });
});
