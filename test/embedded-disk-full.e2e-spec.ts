import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The embedded database (PGlite) on a 96 MiB tmpfs that runs out of space. Needs root and a
 * `mount` that works (CI's containers allow it); skipped on a real PostgreSQL (DATABASE_URL) and
 * where tmpfs cannot be mounted, since faking ENOSPC would test nothing.
 */
function tryMount(): string | null {
  if (process.env.DATABASE_URL || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'capsim-disk-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', dir], { stdio: 'ignore', timeout: 5_000 });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}
const mountDir = tryMount() ?? '';
const mounted = mountDir !== '';
const dataDir = join(mountDir, 'pg');
const filler = join(mountDir, 'filler');
const scenario = { modelId: 'mixtral-8x7b', gpuId: 'a100-80gb', quantization: { weights: 'bf16', kvCache: 'bf16' }, workload: { dailyActiveUsers: 100_000, tokensPerUserPerDay: 20_000 } };

jest.setTimeout(60_000);

(mounted ? describe : describe.skip)('embedded database on a full disk (tmpfs)', () => {
  let app: TestApp | undefined;

  beforeAll(() => mkdirSync(dataDir));

  afterAll(async () => {
    await app?.close();
    try {
      execFileSync('umount', [mountDir], { stdio: 'ignore', timeout: 5_000 });
    } finally {
      rmSync(mountDir, { recursive: true, force: true });
    }
  });

  it('refuses writes with 503 naming the disk, keeps serving reads, and restarts on the same data with nothing lost', async () => {
    app = await createTestApp({ PGLITE_DATA_DIR: dataDir });
    const before = await request(app.http).post('/v1/scenarios').send({ name: 'before the disk filled', scenario }).expect(201);

    // dd stops at ENOSPC with a non-zero status: that is the point.
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M', 'count=200'], { stdio: 'ignore' });
    } catch {
      /* disk full */
    }
    const stored: string[] = [before.body.id];
    let refused: request.Response | undefined;
    for (let i = 0; i < 3000 && !refused; i++) {
      const res = await request(app.http).post('/v1/scenarios').send({ name: `filling ${i}`, scenario });
      if (res.status === 201) stored.push(res.body.id);
      else refused = res;
    }
    expect({ status: refused?.status, stored: stored.length }).toMatchObject({ status: 503 });
    process.stdout.write(`${stored.length - 1} scenarios stored after the filler, then 503\n`);
    expect(refused?.body).toEqual({ statusCode: 503, code: 'database_unavailable', message: 'the database is out of disk space; try again later', details: [] });
    expect((await request(app.http).get(`/v1/scenarios/${before.body.id}`).expect(200)).body.name).toBe('before the disk filled');

    rmSync(filler);
    await app.close();
    app = await createTestApp({ PGLITE_DATA_DIR: dataDir });
    for (const id of stored) await request(app.http).get(`/v1/scenarios/${id}`).expect(200);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS "n" FROM "scenarios"`);
    expect(n).toBe(stored.length);
    await request(app.http).post('/v1/scenarios').send({ name: 'after the disk was freed', scenario }).expect(201);
  });
});
