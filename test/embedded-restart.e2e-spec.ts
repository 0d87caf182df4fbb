import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { MIGRATIONS } from '../migrations/index.js';
import { createTestApp } from './support/test-app.js';

/** The embedded default keeps its data on disk: stop the service, start it again, the scenario is there. */
describe('embedded PGlite under a data folder', () => {
  const savedUrl = process.env.DATABASE_URL;
  const dir = mkdtempSync(join(tmpdir(), 'capsim-pglite-'));

  beforeAll(() => {
    delete process.env.DATABASE_URL; // this case is about the embedded database, whatever CI points the rest at
  });
  afterAll(() => {
    if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps scenarios across a restart and creates missing parent folders', async () => {
    const dataDir = join(dir, 'nested', 'pglite');
    const first = await createTestApp({ PGLITE_DATA_DIR: dataDir });
    const created = await request(first.http)
      .post('/v1/scenarios')
      .send({ name: 'survives restarts', scenario: { modelId: 'qwen3-30b-a3b', gpuId: 'h20', quantization: { weights: 'bf16', kvCache: 'bf16' } } })
      .expect(201);
    await first.close();

    const second = await createTestApp({ PGLITE_DATA_DIR: dataDir });
    const read = await request(second.http).get(`/v1/scenarios/${created.body.id}`).expect(200);
    expect(read.body.name).toBe('survives restarts');
    // Migrations ran once: the second start found them applied.
    const migrations = await second.dataSource.query('SELECT count(*)::int AS count FROM "migrations"');
    expect(migrations[0].count).toBe(MIGRATIONS.length);
    await second.close();
  });
});
