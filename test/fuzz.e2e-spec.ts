import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import request from 'supertest';
import { SWEEP_BASE } from './support/jobs.js';
import { concretePath, listRoutes, type RouteInfo } from './support/routes.js';
import { createTestApp, nonFiniteNumberPaths, type TestApp } from './support/test-app.js';

/**
 * Property-based fuzzing of every route the running app has (read from the Nest router, so
 * routes added later are fuzzed without edits): bodies that are malformed JSON, wrong types,
 * huge numbers, "NaN" / "Infinity", deep nesting, long strings, or a valid body with hostile
 * edits; hostile query strings and path parameters. Properties: no 5xx, no hang, every 4xx in
 * the one error shape, and no NaN / Infinity in any 2xx body.
 *
 * CAPSIM_FUZZ_RUNS inputs per route (CI: 10 000; default 200 for a quick local run), seeded
 * with CAPSIM_FUZZ_SEED so a failure reproduces. Requests go over a real socket with a
 * keep-alive agent (supertest opens a server per request, which costs more than the request).
 */
const RUNS = Number(process.env.CAPSIM_FUZZ_RUNS ?? 200);
const SEED = Number(process.env.CAPSIM_FUZZ_SEED ?? 20261129);
const CONCURRENCY = 4;
const HANG_MS = 15_000;

const SCENARIO = {
  modelId: 'mixtral-8x7b',
  gpuId: 'h100-sxm',
  quantization: { weights: 'fp8', kvCache: 'fp8' },
  deployment: { tensorParallelSize: 2, maxBatchSequences: 128 },
  workload: { dailyActiveUsers: 200_000, tokensPerUserPerDay: 20_000, prefixCacheHitFraction: 0.3 },
  slo: { ttftSeconds: 2, tpotSeconds: 0.08 },
};
/** A valid body per route, which the mutations start from (so that deep validation is reached, and some inputs pass). */
const SEEDS: Record<string, unknown> = {
  'POST /v1/what-if': SCENARIO,
  'POST /v1/scenarios': { name: 'fuzz', description: 'seed', scenario: SCENARIO },
  'PUT /v1/scenarios/:id': { version: 1, name: 'fuzz', scenario: SCENARIO },
  'POST /v1/sweeps': { base: SWEEP_BASE, parameters: { gpuIds: ['h100-sxm', 'a100-80gb'], tensorParallelSizes: [1, 2] }, pointsPerChunk: 2 },
  'POST /v1/forecasts': { scenario: SCENARIO, months: 6, growth: { kind: 'exponential', startDau: 100_000, monthlyGrowthFraction: 0.1 }, samples: 200, seed: 7 },
  'POST /v1/forecasts/compare': { aId: '00000000-0000-4000-8000-000000000000', bId: '00000000-0000-4000-8000-000000000000' },
  'POST /v1/keys': { name: 'fuzz', team: 'fuzz', role: 'viewer' },
};

const hostileScalar = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 1e15, 0.5, -0),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '0x10', '', ' ', '__proto__', 'constructor', "'; DROP TABLE scenarios; --", '\u0000', '%00', '../../etc/passwd'),
  fc.string({ maxLength: 64 }),
  fc.string({ minLength: 1_000, maxLength: 5_000 }),
  fc.boolean(),
  fc.constant(null),
);
const hostileValue = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 40 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

/** Every dotted path of a JSON object, plus a made-up field at each level. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return [...Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]), [...prefix, 'unexpectedField']];
}

function withValue(body: unknown, path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, any>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key];
  }
  node[path[path.length - 1]!] = value;
  return copy;
}

const malformed = fc.constantFrom(
  '{', '{"a":', '[1,2', 'nul', '{"a":NaN}', '{"a":Infinity}', '{"a":-Infinity}', '{"a":1e400}', '{"a":-1e400}', "{'a':1}", '\u0000',
  '{"a":"\\ud800"}', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', 'true', '1', '"text"', '[]', '{}', '',
  '{"a":1,"a":2}', '\ufeff{}', '{"a":01}', '{"a":.5}',
);
const deep = fc.integer({ min: 20, max: 3_000 }).chain((depth) =>
  fc.constantFrom('['.repeat(depth) + ']'.repeat(depth), '{"a":'.repeat(depth) + '1' + '}'.repeat(depth), `{"scenario":${'['.repeat(depth)}${']'.repeat(depth)}}`),
);
const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-7', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', '') },
);

function bodyArbitrary(seed: unknown): fc.Arbitrary<string> {
  const paths = pathsOf(seed);
  const mutated = paths.length
    ? fc.array(fc.tuple(fc.constantFrom(...paths), hostileValue), { minLength: 1, maxLength: 3 }).map((edits) => JSON.stringify(edits.reduce((b, [p, v]) => withValue(b, p, v), seed)))
    : fc.constant('{}');
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(seed ?? {})) },
    { weight: 2, arbitrary: malformed },
    { weight: 1, arbitrary: deep },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom(JSON.stringify({ s: 'x'.repeat(90_000) }), JSON.stringify({ s: 'x'.repeat(150_000) })) },
  );
}

const queryKey = fc.oneof(fc.constantFrom('limit', 'offset', 'type', 'state', 'chart', 'format', 'seed', 'id', '__proto__'), fc.string({ maxLength: 12 }));
const queryValue = fc.oneof(
  fc.constantFrom('1', '0', '-1', '100', '101', '1e400', 'NaN', 'Infinity', '', '1.5', 'sweep', 'forecast', 'queued', 'memory', 'roofline', '[object Object]'),
  fc.string({ maxLength: 40 }),
  fc.integer().map(String),
);
const queryString = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }).map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : ''));

interface Input {
  readonly path: string;
  readonly body: string | undefined;
  readonly contentType: string;
}

function inputArbitrary(route: RouteInfo, existingIds: readonly string[]): fc.Arbitrary<Input> {
  const param = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('00000000-0000-4000-8000-000000000000', ...existingIds) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('NaN', '-1', '1e400', '..', 'null', 'x'.repeat(2_000))).map((s) => encodeURIComponent(s) || 'empty') },
  );
  const hasBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);
  return fc.record({
    params: fc.array(param, { minLength: 4, maxLength: 4 }),
    query: queryString,
    body: hasBody ? fc.option(bodyArbitrary(SEEDS[`${route.method} ${route.path}`] ?? {}), { freq: 10 }) : fc.constant(null),
    contentType,
  }).map(({ params, query, body, contentType: type }) => {
    let i = 0;
    return { path: route.path.replace(/:[A-Za-z0-9_]+/g, () => params[i++ % params.length]!) + query, body: body ?? undefined, contentType: type };
  });
}

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** What is wrong with an answer, or null. */
function problemWith(answer: Answer): string | null {
  if (answer.status >= 500) return `status ${answer.status}: ${answer.text.slice(0, 300)}`;
  const isJson = answer.contentType.includes('application/json');
  if (answer.status >= 400) {
    if (!isJson) return `${answer.status} without a JSON error body (${answer.contentType})`;
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    const shaped = body.statusCode === answer.status && typeof body.code === 'string' && typeof body.message === 'string' && Array.isArray(body.details);
    return shaped ? null : `${answer.status} not in the error shape: ${answer.text.slice(0, 300)}`;
  }
  if (answer.status >= 200 && answer.status < 300 && answer.text !== '') {
    if (isJson) {
      const bad = nonFiniteNumberPaths(JSON.parse(answer.text));
      if (bad.length) return `non-finite numbers at ${bad.slice(0, 5).join(', ')}`;
    } else if (answer.contentType.startsWith('text/') && /\b(NaN|-?Infinity)\b/.test(answer.text)) {
      return `NaN or Infinity in a ${answer.contentType} body`;
    }
  }
  return null;
}

const { t, routes, baseUrl, agent, existing } = await (async () => {
  process.env.JOBS_MAX_SWEEP_POINTS = '50'; // valid sweeps do run: keep each one small
  const app: TestApp = await createTestApp();
  await app.app.listen(0, '127.0.0.1');
  const port = (app.app.getHttpServer().address() as AddressInfo).port;
  const scenario = await request(app.http).post('/v1/scenarios').send(SEEDS['POST /v1/scenarios'] as object);
  const forecast = await request(app.http).post('/v1/forecasts').send(SEEDS['POST /v1/forecasts'] as object);
  const sweep = await request(app.http).post('/v1/sweeps').send(SEEDS['POST /v1/sweeps'] as object);
  return {
    t: app,
    routes: listRoutes(app.app),
    baseUrl: { host: '127.0.0.1', port },
    agent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
    existing: [scenario.body.id, forecast.body.id, sweep.body.id].filter((id): id is string => typeof id === 'string'),
  };
})();

function send(method: string, input: Input): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    const payload = input.body === undefined ? undefined : Buffer.from(input.body, 'utf8');
    if (payload) {
      if (input.contentType) headers['content-type'] = input.contentType;
      headers['content-length'] = payload.length;
    }
    const req = httpRequest({ ...baseUrl, method, path: input.path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.setTimeout(HANG_MS, () => req.destroy(new Error(`no answer within ${HANG_MS} ms (hang)`)));
    req.on('error', reject);
    req.end(payload);
  });
}

const timings: string[] = [];
afterAll(async () => {
  agent.destroy();
  await t.close();
  delete process.env.JOBS_MAX_SWEEP_POINTS;
  console.log(`fuzz: ${RUNS} inputs per route, seed ${SEED}\n${timings.join('\n')}`);
});

describe(`fuzzing every route with ${RUNS} generated inputs each`, () => {
  it('found the routes of the running app', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(existing).toHaveLength(3);
  });

  it.each(routes.map((r, i) => [`${r.method} ${r.path}`, r, i] as const))('%s: no 5xx, no hang, 4xx in the error shape, no NaN/Infinity in 2xx', async (_name, route, index) => {
    const inputs = fc.sample(inputArbitrary(route, existing), { numRuns: RUNS, seed: SEED + index });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const startedMs = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < inputs.length && failures.length < 5) {
        const i = next++;
        const input = inputs[i]!;
        try {
          const answer = await send(route.method, input);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const problem = problemWith(answer);
          if (problem) failures.push(`#${i} ${route.method} ${input.path.slice(0, 200)} [${input.contentType}] ${JSON.stringify(input.body?.slice(0, 2000))} → ${problem}`);
        } catch (error) {
          failures.push(`#${i} ${route.method} ${input.path.slice(0, 200)} ${JSON.stringify(input.body?.slice(0, 300))} → ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - startedMs) / 1000;
    timings.push(`${route.method} ${concretePath(route.path, ':id')}: ${inputs.length} inputs in ${seconds.toFixed(1)} s (${(inputs.length / seconds).toFixed(0)}/s); statuses ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(' ')}`);
    expect(failures).toEqual([]);
  }, 60_000 + RUNS * 50);
});
