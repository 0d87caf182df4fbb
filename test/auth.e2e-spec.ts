import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { syntheticMeasurementSet } from '../libs/calibration/src/testing/synthetic-measurements.js';
import { sweepRequest } from './support/jobs.js';
import { concretePath, listRoutes, type RouteInfo } from './support/routes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Access control with keys required: every route × no key, a bad key and each role; team
 * scoping of scenarios and of every other stored resource (another team's id is 404, exactly like
 * one that does not exist, references to it included; idempotency keys are per team);
 * the key lifecycle; the per-key rate limit; CORS when configured.
 */
const ADMIN_KEY = `bootstrap-admin-${'k'.repeat(40)}`;
const RATE_LIMIT = 100;
const ROLES = ['viewer', 'analyst', 'operator', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** The policy, written out: reads need viewer, writes analyst, except these. */
const EXPLICIT: Record<string, Role> = {
  'GET /v1/keys': 'admin',
  'POST /v1/keys': 'admin',
  'DELETE /v1/keys/:id': 'admin',
  'POST /v1/sweeps': 'operator',
  'POST /v1/jobs/:id/cancel': 'operator',
  'POST /v1/calibrations': 'operator',
  'POST /v1/calibrations/run': 'operator',
  // reads that take a body (the ids to compare) and store nothing
  'POST /v1/scenarios/compare': 'viewer',
};
const PUBLIC = new Set(['GET /', 'GET /health', 'GET /health/live', 'GET /health/ready']);
const expectedRole = (r: RouteInfo): Role => EXPLICIT[`${r.method} ${r.path}`] ?? (r.method === 'GET' ? 'viewer' : 'analyst');
const rank = (role: Role) => ROLES.indexOf(role);

const scenario = {
  modelId: 'mixtral-8x7b',
  gpuId: 'h100-sxm',
  quantization: { weights: 'fp8', kvCache: 'fp8' },
  workload: { dailyActiveUsers: 200_000, tokensPerUserPerDay: 20_000 },
};

describe('access control with API keys required', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const alpha = {} as Record<Role, string>;
  let betaAnalyst: string;

  const call = (method: string, path: string, key?: string) => {
    const req = request(t.http)[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path);
    if (key) req.set('authorization', `Bearer ${key}`);
    return method === 'GET' || method === 'DELETE' ? req : req.send({});
  };
  const createKey = async (team: string, role: Role) => {
    const res = await request(t.http).post('/v1/keys').set('authorization', `Bearer ${ADMIN_KEY}`).send({ name: `${team} ${role}`, team, role }).expect(201);
    return res.body as { id: string; key: string; keyPrefix: string; team: string; role: Role };
  };

  beforeAll(async () => {
    process.env.JOBS_MAX_ACTIVE_PER_CLIENT = '1';
    t = await createTestApp({
      CAPSIM_AUTH: 'required',
      CAPSIM_ADMIN_KEY: ADMIN_KEY,
      CAPSIM_ADMIN_TEAM: 'platform',
      CAPSIM_RATE_LIMIT_REQUESTS: String(RATE_LIMIT),
      CAPSIM_RATE_LIMIT_WINDOW_SECONDS: '3600',
      CAPSIM_CORS_ORIGINS: 'https://ops.example.com',
    });
    routes = listRoutes(t.app);
    for (const role of ROLES) alpha[role] = (await createKey('alpha', role)).key;
    betaAnalyst = (await createKey('beta', 'analyst')).key;
  });
  afterAll(async () => {
    await t.close();
    delete process.env.JOBS_MAX_ACTIVE_PER_CLIENT;
  });

  it('finds the routes of every module, keys included', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    for (const known of ['POST /v1/what-if', 'POST /v1/scenarios', 'POST /v1/sweeps', 'POST /v1/keys', 'GET /metrics']) expect(names).toContain(known);
  });

  it('refuses every non-public route without a key (401, WWW-Authenticate) and answers the public probes', async () => {
    const refused: string[] = [];
    for (const r of routes) {
      const res = await call(r.method, concretePath(r.path));
      if (PUBLIC.has(`${r.method} ${r.path}`)) {
        expect([200, 503]).toContain(res.status);
        continue;
      }
      if (res.status !== 401 || res.body.code !== 'unauthenticated' || !res.headers['www-authenticate']) refused.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(refused).toEqual([]);
  });

  it('refuses an unknown key, a malformed Authorization header and a non-Bearer scheme with 401', async () => {
    for (const header of [`Bearer capsim_${'A'.repeat(43)}`, 'Bearer', `Basic ${Buffer.from('a:b').toString('base64')}`]) {
      const res = await request(t.http).get('/v1/scenarios').set('authorization', header);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ statusCode: 401, code: 'unauthenticated', message: expect.any(String), details: [] });
    }
  });

  it('accepts the key in X-API-Key as well as in Authorization: Bearer', async () => {
    await request(t.http).get('/v1/scenarios').set('x-api-key', alpha.viewer).expect(200);
  });

  it.each(ROLES)('lets a %s key through exactly the routes its role reaches, and answers 403 naming the needed role elsewhere', async (role) => {
    const wrong: string[] = [];
    for (const r of routes) {
      if (PUBLIC.has(`${r.method} ${r.path}`)) continue;
      const res = await call(r.method, concretePath(r.path), alpha[role]);
      const needed = expectedRole(r);
      if (rank(role) >= rank(needed)) {
        if (res.status === 401 || res.status === 403) wrong.push(`${r.method} ${r.path}: ${role} got ${res.status}, needs only ${needed}`);
      } else if (res.status !== 403 || res.body.code !== 'forbidden' || !String(res.body.message).includes(`needs the ${needed} role`)) {
        wrong.push(`${r.method} ${r.path}: ${role} got ${res.status}, expected 403 (needs ${needed})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  describe('scenarios are visible to their team only', () => {
    let id: string;
    let evaluationId: string;
    beforeAll(async () => {
      const created = await request(t.http).post('/v1/scenarios').set('authorization', `Bearer ${alpha.analyst}`).send({ name: 'alpha plan', scenario }).expect(201);
      id = created.body.id;
      const evaluation = await request(t.http).post(`/v1/scenarios/${id}/evaluations`).set('authorization', `Bearer ${alpha.analyst}`).expect(201);
      evaluationId = evaluation.body.id;
    });

    it('shows it to every role of the owning team', async () => {
      for (const role of ROLES) {
        const res = await request(t.http).get(`/v1/scenarios/${id}`).set('authorization', `Bearer ${alpha[role]}`).expect(200);
        expect(res.body.name).toBe('alpha plan');
      }
      const list = await request(t.http).get('/v1/scenarios').set('authorization', `Bearer ${alpha.viewer}`).expect(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([id]);
    });

    it.each([
      ['GET', ''],
      ['PUT', ''],
      ['DELETE', ''],
      ['GET', '/evaluations'],
      ['POST', '/evaluations'],
      ['GET', '/evaluations/:evaluationId'],
      ['GET', '/chart-data'],
      ['GET', '/chart.png'],
    ])('answers %s /v1/scenarios/:id%s from another team (and from the bootstrap admin of another team) with the same 404 as a missing id', async (method, suffix) => {
      const path = (scenarioId: string) => `/v1/scenarios/${scenarioId}${suffix.replace(':evaluationId', evaluationId)}`;
      const missing = '11111111-1111-4111-8111-111111111111';
      for (const key of [betaAnalyst, ADMIN_KEY]) {
        const send = (p: string) => {
          const req = request(t.http)[method.toLowerCase() as 'get'](p).set('authorization', `Bearer ${key}`);
          return method === 'PUT' ? req.send({ version: 1, name: 'taken over' }) : req;
        };
        const theirs = await send(path(id));
        const nobody = await send(path(missing));
        expect(theirs.status).toBe(404);
        expect(nobody.status).toBe(404);
        // Same code, same shape; the message differs only by the id the caller sent.
        expect({ ...theirs.body, message: theirs.body.message.replace(id, 'ID') }).toEqual({ ...nobody.body, message: nobody.body.message.replace(missing, 'ID') });
      }
      // Nothing changed for the owner.
      const still = await request(t.http).get(`/v1/scenarios/${id}`).set('authorization', `Bearer ${alpha.viewer}`).expect(200);
      expect(still.body).toMatchObject({ name: 'alpha plan', version: 1 });
    });

    it('lists none of it to another team', async () => {
      const list = await request(t.http).get('/v1/scenarios').set('authorization', `Bearer ${betaAnalyst}`).expect(200);
      expect(list.body).toMatchObject({ items: [], total: 0 });
    });

    it('records the creating key and its team on the row', async () => {
      const [row] = await t.dataSource.query('SELECT owner_key_id, team FROM scenarios WHERE id = $1', [id]);
      const keys = await request(t.http).get('/v1/keys?limit=100').set('authorization', `Bearer ${ADMIN_KEY}`).expect(200);
      const analystKey = keys.body.items.find((k: { team: string; role: string }) => k.team === 'alpha' && k.role === 'analyst');
      expect(row).toEqual({ owner_key_id: analystKey.id, team: 'alpha' });
    });
  });

  describe('every other stored resource is visible to its team only', () => {
    const MISSING = '11111111-1111-4111-8111-111111111111';
    /** kimi-2024 INT8 on A100-80GB, short conversational requests: a simulated hour takes well under a second (as in simulations.e2e-spec). */
    const runScenario = {
      modelId: 'kimi-2024',
      gpuId: 'a100-80gb',
      quantization: { weights: 'int8-w8a16', kvCache: 'bf16' },
      deployment: { prefillChunkTokens: 1024, maxBatchSequences: 32 },
      workload: { dailyActiveUsers: 20_000, tokensPerUserPerDay: 20_000, requestSizes: { meanPromptTokens: 1155, promptTokensCv: 1, meanOutputTokens: 211, outputTokensCv: 1 } },
    };
    /** 200 samples: computed inline (201), no job. */
    const forecastBody = (extra: Record<string, unknown> = {}) => ({
      scenario: { modelId: 'kimi-2024', gpuId: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' } },
      months: 3,
      growth: { kind: 'exponential', startDau: 320_000, monthlyGrowthFraction: 0.1 },
      samples: 200,
      seed: 7,
      ...extra,
    });
    // Each creation uses a fresh alpha key: active jobs are limited to 1 per key here, and the role sweep above
    // may have left alpha's keys with engine runs still going.
    const alphaKey = async () => (await createKey('alpha', 'operator')).key;
    let alphaReader: string;
    let beta: string;
    beforeAll(async () => {
      alphaReader = (await createKey('alpha', 'viewer')).key;
      beta = (await createKey('beta', 'operator')).key;
    });

    const send = (method: string, path: string, key: string, body?: object) => {
      const req = request(t.http)[method.toLowerCase() as 'get' | 'post'](path).set('authorization', `Bearer ${key}`);
      return body ? req.send(body) : req;
    };
    const withoutId = (body: unknown, id: string) => JSON.parse(JSON.stringify(body).replaceAll(id, 'ID')) as unknown;
    /** Another team's id and an id nobody has get the same 404: same code, message and details but for the id sent. */
    const expectSameAsMissing = async (method: string, path: (id: string) => string, id: string, body?: (id: string) => object) => {
      const theirs = await send(method, path(id), beta, body?.(id));
      const nobody = await send(method, path(MISSING), beta, body?.(MISSING));
      expect([`${method} ${path(':id')}`, theirs.status, nobody.status]).toEqual([`${method} ${path(':id')}`, 404, 404]);
      expect(withoutId(theirs.body, id)).toEqual(withoutId(nobody.body, MISSING));
    };
    const ids = (res: request.Response) => (res.body.items as { id: string }[]).map((item) => item.id);

    it('a sweep (a job): team beta gets 404 on the sweep, its job, result, CSV and cancel, and no job in its list; team alpha sees it', async () => {
      const created = await send('POST', '/v1/sweeps', await alphaKey(), sweepRequest(1, 128)).expect(202);
      const id = created.body.id as string;
      await expectSameAsMissing('GET', (x) => `/v1/sweeps/${x}`, id);
      await expectSameAsMissing('GET', (x) => `/v1/sweeps/${x}/points.csv`, id);
      await expectSameAsMissing('GET', (x) => `/v1/jobs/${x}`, id);
      await expectSameAsMissing('GET', (x) => `/v1/jobs/${x}/result`, id);
      await expectSameAsMissing('POST', (x) => `/v1/jobs/${x}/cancel`, id);
      for (const key of [beta, ADMIN_KEY]) expect(ids(await send('GET', '/v1/jobs?limit=100', key).expect(200))).not.toContain(id);
      const mine = await send('GET', `/v1/jobs/${id}`, alphaReader).expect(200);
      expect(mine.body.state).not.toBe('cancelled'); // beta's cancel did nothing
      await send('GET', `/v1/sweeps/${id}`, alphaReader).expect(200);
      expect(ids(await send('GET', '/v1/jobs?limit=100', alphaReader).expect(200))).toContain(id);
      const [row] = await t.dataSource.query('SELECT team FROM jobs WHERE id = $1', [id]);
      expect(row.team).toBe('alpha');
    });

    it('a calibration profile: team beta gets 404 on it and its chart, and its list excludes it; team alpha sees it', async () => {
      const created = await send('POST', '/v1/calibrations', await alphaKey(), JSON.parse(JSON.stringify(syntheticMeasurementSet()))).expect(201);
      const id = created.body.id as string;
      await expectSameAsMissing('GET', (x) => `/v1/calibrations/${x}`, id);
      await expectSameAsMissing('GET', (x) => `/v1/calibrations/${x}/chart.png`, id);
      expect(ids(await send('GET', '/v1/calibrations?limit=100', beta).expect(200))).not.toContain(id);
      await send('GET', `/v1/calibrations/${id}`, alphaReader).expect(200);
      expect(ids(await send('GET', '/v1/calibrations?limit=100', alphaReader).expect(200))).toContain(id);
    });

    it('a forecast: team beta gets 404 on it, its CSV, chart, sensitivity and comparison; team alpha sees it (forecasts have no list route)', async () => {
      const created = await send('POST', '/v1/forecasts', await alphaKey(), forecastBody()).expect(201);
      const id = created.body.id as string;
      await expectSameAsMissing('GET', (x) => `/v1/forecasts/${x}`, id);
      await expectSameAsMissing('GET', (x) => `/v1/forecasts/${x}/months.csv`, id);
      await expectSameAsMissing('GET', (x) => `/v1/forecasts/${x}/chart.png`, id);
      await expectSameAsMissing('POST', (x) => `/v1/forecasts/${x}/sensitivity`, id, () => ({}));
      await expectSameAsMissing('POST', () => '/v1/forecasts/compare', id, (x) => ({ aId: x, bId: x }));
      await send('GET', `/v1/forecasts/${id}`, alphaReader).expect(200);
      await send('GET', `/v1/forecasts/${id}/months.csv`, alphaReader).expect(200);
    });

    it('a trace, a simulation on it and an autoscaling plan: team beta gets 404 on each (and on cancel and plan.csv); team alpha sees them', async () => {
      const text = readFileSync(join(process.cwd(), 'libs/workload/src/traces/fixtures', 'azure-2023-code-first-50.csv'), 'utf8');
      const trace = await send('POST', '/v1/traces?format=azure', await alphaKey()).set('Content-Type', 'text/csv').send(text).expect(201);
      const simulation = await send('POST', '/v1/simulations', await alphaKey(), { scenario: runScenario, workload: { kind: 'trace', traceId: trace.body.id }, replicas: 1 }).expect(202);
      const plan = await send('POST', '/v1/autoscaling/plans', await alphaKey(), { scenario: runScenario, workload: { kind: 'synthetic', durationSeconds: 3600 }, policies: ['static-peak'] }).expect(202);
      await expectSameAsMissing('GET', (x) => `/v1/traces/${x}`, trace.body.id);
      await expectSameAsMissing('GET', (x) => `/v1/simulations/${x}`, simulation.body.id);
      await expectSameAsMissing('POST', (x) => `/v1/simulations/${x}/cancel`, simulation.body.id);
      await expectSameAsMissing('GET', (x) => `/v1/autoscaling/plans/${x}`, plan.body.id);
      await expectSameAsMissing('GET', (x) => `/v1/autoscaling/plans/${x}/plan.csv`, plan.body.id);
      await expectSameAsMissing('GET', (x) => `/v1/autoscaling/plans/${x}/chart.png`, plan.body.id);
      await send('GET', `/v1/traces/${trace.body.id}`, alphaReader).expect(200);
      await send('GET', `/v1/simulations/${simulation.body.id}`, alphaReader).expect(200);
      await send('GET', `/v1/autoscaling/plans/${plan.body.id}`, alphaReader).expect(200);
      // A simulation or plan of team beta on alpha's stored trace gets the answer for a trace that is not stored:
      // 404 naming workload.traceId, message and details differing only by the id.
      const fleets = { '/v1/simulations': { replicas: 1 }, '/v1/autoscaling/plans': { policies: ['static-peak'] } };
      for (const [path, fleet] of Object.entries(fleets)) {
        const runOn = (traceId: string) => ({ scenario: runScenario, workload: { kind: 'trace', traceId }, ...fleet });
        const theirs = await send('POST', path, beta, runOn(trace.body.id));
        const nobody = await send('POST', path, beta, runOn(MISSING));
        expect([path, theirs.status, nobody.status]).toEqual([path, 404, 404]);
        expect(theirs.body.details).toEqual([{ field: 'workload.traceId', reason: `no stored trace ${trace.body.id}` }]);
        expect(withoutId(theirs.body, trace.body.id)).toEqual(withoutId(nobody.body, MISSING));
      }
      // A forecast of team beta on alpha's plan: 404 naming autoscalingPlanId, as for an unknown plan (not alpha's 409 "still running").
      const onPlan = await send('POST', '/v1/forecasts', beta, forecastBody({ autoscalingPlanId: plan.body.id, policy: 'static-peak' })).expect(404);
      expect(onPlan.body.details).toEqual([{ field: 'autoscalingPlanId', reason: `no autoscaling plan with id ${plan.body.id}` }]);
    });

    it('a forecast, scenario or what-if of team beta referencing team alpha’s calibration profile → 404 naming calibrationProfileId, as for an unknown profile', async () => {
      const profile = await send('POST', '/v1/calibrations', await alphaKey(), JSON.parse(JSON.stringify(syntheticMeasurementSet()))).expect(201);
      const id = profile.body.id as string;
      await expectSameAsMissing('POST', () => '/v1/forecasts', id, (x) => forecastBody({ calibrationProfileId: x }));
      const forecast = await send('POST', '/v1/forecasts', beta, forecastBody({ calibrationProfileId: id })).expect(404);
      expect(forecast.body.details).toEqual([{ field: 'calibrationProfileId', reason: `no calibration profile with id ${id}` }]);
      await expectSameAsMissing('POST', () => '/v1/what-if', id, (x) => ({ ...scenario, calibrationProfileId: x }));
      await expectSameAsMissing('POST', () => '/v1/scenarios', id, (x) => ({ name: 'borrowed', scenario: { ...scenario, calibrationProfileId: x } }));
      // Its own team may use it.
      await send('POST', '/v1/forecasts', await alphaKey(), forecastBody({ calibrationProfileId: id })).expect(201);
    });

    it('an Idempotency-Key is per team: team beta reusing team alpha’s key starts its own sweep and never sees alpha’s', async () => {
      const key = `shared-key-${Date.now()}`;
      const first = await send('POST', '/v1/sweeps', await alphaKey(), sweepRequest(1, 128)).set('idempotency-key', key).expect(202);
      const other = await send('POST', '/v1/sweeps', beta, sweepRequest(1, 128)).set('idempotency-key', key);
      expect(other.status).toBe(202); // created, not replayed
      expect(other.headers['idempotent-replayed']).toBeUndefined();
      expect(other.body.id).not.toBe(first.body.id);
      expect(JSON.stringify(other.body)).not.toContain(first.body.id);
      // Within a team the key still replays: alpha gets its own sweep back, beta its own.
      const againAlpha = await send('POST', '/v1/sweeps', await alphaKey(), sweepRequest(1, 128)).set('idempotency-key', key).expect(200);
      expect(againAlpha.body.id).toBe(first.body.id);
      const againBeta = await send('POST', '/v1/sweeps', beta, sweepRequest(1, 128)).set('idempotency-key', key).expect(200);
      expect(againBeta.body.id).toBe(other.body.id);
      // Different inputs under another team's key are not a conflict with alpha's job either (that would reveal it).
      const gamma = (await createKey('gamma', 'operator')).key;
      const gammaSweep = await send('POST', '/v1/sweeps', gamma, sweepRequest(2, 128)).set('idempotency-key', key).expect(202);
      expect(gammaSweep.body.id).not.toBe(first.body.id);
      await send('POST', `/v1/jobs/${other.body.id}/cancel`, beta);
      await send('POST', `/v1/jobs/${gammaSweep.body.id}/cancel`, gamma);
    });

    it('rows from before teams (team NULL) are hidden from every key, as scenarios without a team are', async () => {
      const created = await send('POST', '/v1/forecasts', await alphaKey(), forecastBody()).expect(201);
      await t.dataSource.query('UPDATE forecasts SET team = NULL WHERE id = $1', [created.body.id]);
      await send('GET', `/v1/forecasts/${created.body.id}`, alphaReader).expect(404);
    });
  });

  describe('key lifecycle', () => {
    it('shows a new key once, stores only its SHA-256, and stops accepting it as soon as it is revoked', async () => {
      const created = await createKey('gamma', 'viewer');
      expect(created.key).toMatch(/^capsim_[A-Za-z0-9_-]{43}$/); // 32 random bytes in base64url = 43 characters
      expect(created.keyPrefix).toBe(created.key.slice(0, 13));

      const listed = await request(t.http).get('/v1/keys?limit=100').set('authorization', `Bearer ${ADMIN_KEY}`).expect(200);
      const entry = listed.body.items.find((k: { id: string }) => k.id === created.id);
      expect(entry).toEqual({ id: created.id, name: 'gamma viewer', team: 'gamma', role: 'viewer', keyPrefix: created.keyPrefix, createdAt: expect.any(String), revokedAt: null });
      expect(JSON.stringify(listed.body)).not.toContain(created.key);

      const [row] = await t.dataSource.query('SELECT * FROM api_keys WHERE id = $1', [created.id]);
      expect(row.key_hash).toBe(createHash('sha256').update(created.key).digest('hex'));
      expect(Object.values(row).map(String)).not.toContain(created.key);

      await request(t.http).get('/v1/scenarios').set('authorization', `Bearer ${created.key}`).expect(200);
      await request(t.http).delete(`/v1/keys/${created.id}`).set('authorization', `Bearer ${ADMIN_KEY}`).expect(204);
      await request(t.http).get('/v1/scenarios').set('authorization', `Bearer ${created.key}`).expect(401);
      await request(t.http).delete(`/v1/keys/${created.id}`).set('authorization', `Bearer ${ADMIN_KEY}`).expect(204);
      const after = await request(t.http).get('/v1/keys?limit=100').set('authorization', `Bearer ${ADMIN_KEY}`).expect(200);
      expect(after.body.items.find((k: { id: string }) => k.id === created.id).revokedAt).toEqual(expect.any(String));
    });

    it('validates new keys: role from the list, team a slug, no unknown fields', async () => {
      const admin = (body: object) => request(t.http).post('/v1/keys').set('authorization', `Bearer ${ADMIN_KEY}`).send(body);
      expect((await admin({ name: 'x', team: 'alpha', role: 'root' })).body.details).toEqual([{ field: 'role', reason: 'role must be one of: viewer, analyst, operator, admin' }]);
      expect((await admin({ name: 'x', team: 'Alpha Team', role: 'viewer' })).status).toBe(400);
      expect((await admin({ name: 'x', team: 'alpha', role: 'viewer', keyHash: '00' })).status).toBe(400);
      await request(t.http).delete('/v1/keys/22222222-2222-4222-8222-222222222222').set('authorization', `Bearer ${ADMIN_KEY}`).expect(404);
    });
  });

  it(`refuses request ${RATE_LIMIT + 1} of one key within the window with 429 naming the limit, while another key goes on`, async () => {
    const key = (await createKey('delta', 'viewer')).key;
    for (let i = 0; i < RATE_LIMIT; i++) await request(t.http).get('/v1/catalog/gpus').set('authorization', `Bearer ${key}`).expect(200);
    const refused = await request(t.http).get('/v1/catalog/gpus').set('authorization', `Bearer ${key}`);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      code: 'rate_limited',
      message: expect.stringContaining(`at most ${RATE_LIMIT} requests per 3600 s per API key`),
      details: [{ field: 'rateLimit', reason: `limit ${RATE_LIMIT} per 3600 s, got ${RATE_LIMIT + 1}` }],
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const other = (await createKey('delta', 'viewer')).key;
    await request(t.http).get('/v1/catalog/gpus').set('authorization', `Bearer ${other}`).expect(200);
  });

  it('counts active jobs per key, whatever X-Capsim-Client the caller sends (limit 1 here)', async () => {
    // A fresh key: the role sweep above may have left alpha's operator with a job still running
    // (an empty body is a valid default calibration run).
    const operator = (await createKey('alpha', 'operator')).key;
    const first = await request(t.http).post('/v1/sweeps').set('authorization', `Bearer ${operator}`).set('x-capsim-client', 'me').send(sweepRequest(8, 16)).expect(202);
    const second = await request(t.http).post('/v1/sweeps').set('authorization', `Bearer ${operator}`).set('x-capsim-client', 'someone-else').send(sweepRequest(1, 16));
    expect(second.status).toBe(429);
    expect(second.body.code).toBe('too_many_jobs');
    await request(t.http).post(`/v1/jobs/${first.body.id}/cancel`).set('authorization', `Bearer ${operator}`);
  });

  it('answers CORS preflights for the configured origin only', async () => {
    const allowed = await request(t.http).options('/v1/scenarios').set('origin', 'https://ops.example.com').set('access-control-request-method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ops.example.com');
    expect(allowed.headers['access-control-allow-headers']).toContain('Authorization');
    const other = await request(t.http).options('/v1/scenarios').set('origin', 'https://evil.example').set('access-control-request-method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
