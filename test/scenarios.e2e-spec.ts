import request from 'supertest';
import { createTestApp, type TestApp } from './support/test-app.js';

const scenario = (dau = 200_000) => ({
  modelId: 'mixtral-8x7b',
  gpuId: 'h100-sxm',
  quantization: { weights: 'fp8', kvCache: 'fp8' },
  workload: { dailyActiveUsers: dau, tokensPerUserPerDay: 20_000 },
});

describe('/v1/scenarios', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates, reads, lists, updates with a version check, evaluates and deletes a scenario', async () => {
    const created = await request(t.http).post('/v1/scenarios').send({ name: 'Mixtral on H100', scenario: scenario() }).expect(201);
    expect(created.body).toMatchObject({ name: 'Mixtral on H100', description: '', version: 1, scenario: scenario() });
    const id: string = created.body.id;

    const read = await request(t.http).get(`/v1/scenarios/${id}`).expect(200);
    expect(read.body).toEqual(created.body);

    const updated = await request(t.http).put(`/v1/scenarios/${id}`).send({ version: 1, scenario: scenario(400_000) }).expect(200);
    expect(updated.body.version).toBe(2);
    expect(updated.body.scenario.workload.dailyActiveUsers).toBe(400_000);

    const evaluation = await request(t.http).post(`/v1/scenarios/${id}/evaluations`).expect(201);
    expect(evaluation.body.scenarioVersion).toBe(2);
    expect(evaluation.body.result.demand.tokensPerDay).toBeCloseTo(400_000 * 20_000, -2);
    expect(evaluation.body.gpusAtPeak).toBe(evaluation.body.result.atPeak.gpus);

    const listed = await request(t.http).get(`/v1/scenarios/${id}/evaluations`).expect(200);
    expect(listed.body.total).toBe(1);
    const one = await request(t.http).get(`/v1/scenarios/${id}/evaluations/${evaluation.body.id}`).expect(200);
    expect(one.body).toEqual(evaluation.body);

    await request(t.http).delete(`/v1/scenarios/${id}`).expect(204);
    await request(t.http).get(`/v1/scenarios/${id}`).expect(404);
    // The evaluation went with its scenario (ON DELETE CASCADE).
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM "evaluations" WHERE "scenario_id" = $1', [id]);
    expect(count).toBe(0);
  });

  it('answers a stale update with 409 and keeps the newer write', async () => {
    const created = await request(t.http).post('/v1/scenarios').send({ name: 'race', scenario: scenario() }).expect(201);
    const id = created.body.id;
    await request(t.http).put(`/v1/scenarios/${id}`).send({ version: 1, name: 'first writer' }).expect(200);
    const stale = await request(t.http).put(`/v1/scenarios/${id}`).send({ version: 1, name: 'second writer' }).expect(409);
    expect(stale.body.code).toBe('version_conflict');
    expect(stale.body.details[0].field).toBe('version');
    const current = await request(t.http).get(`/v1/scenarios/${id}`).expect(200);
    expect(current.body).toMatchObject({ name: 'first writer', version: 2 });
  });

  it('lets exactly one of many concurrent writers of the same version win', async () => {
    const created = await request(t.http).post('/v1/scenarios').send({ name: 'stampede', scenario: scenario() }).expect(201);
    const id = created.body.id;
    const statuses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => request(t.http).put(`/v1/scenarios/${id}`).send({ version: 1, name: `writer ${i}` }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
  });

  it('paginates newest first with a total', async () => {
    await t.dataSource.query('DELETE FROM "scenarios"');
    for (let i = 0; i < 5; i++) {
      await request(t.http).post('/v1/scenarios').send({ name: `s${i}`, scenario: scenario() }).expect(201);
    }
    const page1 = await request(t.http).get('/v1/scenarios?limit=2').expect(200);
    expect(page1.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(page1.body.items.map((s: { name: string }) => s.name)).toEqual(['s4', 's3']);
    const page3 = await request(t.http).get('/v1/scenarios?limit=2&offset=4').expect(200);
    expect(page3.body.items.map((s: { name: string }) => s.name)).toEqual(['s0']);
    const bad = await request(t.http).get('/v1/scenarios?limit=1000').expect(400);
    expect(bad.body.details[0].field).toBe('limit');
    await request(t.http).get('/v1/scenarios?limit=abc').expect(400);
  });

  it('refuses a scenario that cannot be evaluated and stores nothing', async () => {
    const before = await request(t.http).get('/v1/scenarios').expect(200);
    const res = await request(t.http).post('/v1/scenarios').send({ name: 'bad', scenario: { ...scenario(), modelId: 'no-such-model' } }).expect(400);
    expect(res.body.details[0].field).toBe('model');
    const after = await request(t.http).get('/v1/scenarios').expect(200);
    expect(after.body.total).toBe(before.body.total);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const bad = await request(t.http).get('/v1/scenarios/not-a-uuid').expect(400);
    expect(bad.body.details[0].field).toBe('id');
    const missing = await request(t.http).get('/v1/scenarios/00000000-0000-4000-8000-000000000000').expect(404);
    expect(missing.body.code).toBe('not_found');
    await request(t.http).put('/v1/scenarios/00000000-0000-4000-8000-000000000000').send({ version: 1, name: 'x' }).expect(404);
    await request(t.http).delete('/v1/scenarios/00000000-0000-4000-8000-000000000000').expect(404);
    await request(t.http).post('/v1/scenarios/00000000-0000-4000-8000-000000000000/evaluations').expect(404);
  });

  it('validates create and update bodies like the what-if endpoint', async () => {
    const noName = await request(t.http).post('/v1/scenarios').send({ scenario: scenario() }).expect(400);
    expect(noName.body.details.map((d: { field: string }) => d.field)).toContain('name');
    const nested = await request(t.http)
      .post('/v1/scenarios')
      .send({ name: 'x', scenario: { ...scenario(), workload: { dailyActiveUsers: -1 } } })
      .expect(400);
    expect(nested.body.details.map((d: { field: string }) => d.field)).toContain('scenario.workload.dailyActiveUsers');
    const created = await request(t.http).post('/v1/scenarios').send({ name: 'v', scenario: scenario() }).expect(201);
    const noVersion = await request(t.http).put(`/v1/scenarios/${created.body.id}`).send({ name: 'y' }).expect(400);
    expect(noVersion.body.details.map((d: { field: string }) => d.field)).toContain('version');
  });
});
