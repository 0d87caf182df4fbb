import { createHash } from 'node:crypto';
import request from 'supertest';
import { sweepRequest } from './support/jobs.js';
import { concretePath, listRoutes, type RouteInfo } from './support/routes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Access control with keys required: every route × no key, a bad key and each role; team
 * scoping of scenarios (another team's scenario is 404, exactly like one that does not exist);
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
