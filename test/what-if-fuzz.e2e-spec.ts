import fc from 'fast-check';
import request from 'supertest';
import { createTestApp, nonFiniteNumberPaths, type TestApp } from './support/test-app.js';

/**
 * Property: whatever JSON arrives at POST /v1/what-if, the answer is a 200 whose numbers are all
 * finite, or a 4xx in the one error shape — never a 5xx. Inputs are a valid scenario with one
 * or more fields replaced by hostile values (wrong types, huge and tiny numbers, long strings,
 * nested junk), plus bodies that are not scenarios at all. Seeded, so a failure reproduces.
 */
const valid = {
  modelId: 'kimi-2024',
  gpuId: 'a100-80gb',
  quantization: { weights: 'int8-w8a16', kvCache: 'bf16' },
  deployment: { tensorParallelSize: 4, maxBatchSequences: 256 },
  workload: { dailyActiveUsers: 1_000_000, tokensPerUserPerDay: 100_000, prefixCacheHitFraction: 0.5 },
  slo: { ttftSeconds: 2, tpotSeconds: 0.08 },
  pricing: { reservedGpus: 0, cnyPerUsd: 7.2 },
  efficiency: { computeEfficiencyFraction: 0.6 },
};

const PATHS: readonly (readonly string[])[] = [
  ['modelId'], ['gpuId'], ['quantization'], ['quantization', 'weights'], ['quantization', 'kvCache'], ['quantization', 'experts'],
  ['deployment', 'tensorParallelSize'], ['deployment', 'maxBatchSequences'], ['deployment', 'usableHbmFraction'], ['deployment', 'prefillChunkTokens'],
  ['workload', 'dailyActiveUsers'], ['workload', 'tokensPerUserPerDay'], ['workload', 'prefixCacheHitFraction'], ['workload', 'diurnalProfile'],
  ['workload', 'requestSizes'], ['slo', 'ttftSeconds'], ['slo', 'tpotSeconds'], ['pricing', 'reservedGpus'], ['pricing', 'cnyPerUsd'],
  ['efficiency', 'computeEfficiencyFraction'], ['efficiency', 'stepOverheadSeconds'], ['customGpu'], ['customModel'], ['extra'],
];

const hostile = fc.oneof(
  // in-range values, so that many generated bodies are valid and the 200 path is exercised too
  fc.integer({ min: 1, max: 64 }),
  fc.integer({ min: 1, max: 5_000_000 }),
  fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  fc.constantFrom('bf16', 'fp8', 'int8-w8a8', 'int4-w4a16', 'fp4', 'h100-sxm', 'b200', 'deepseek-v3', 'mixtral-8x7b'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 1e15, 0.5),
  fc.string({ maxLength: 300 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.double(), { maxLength: 30 }),
  fc.array(fc.nat({ max: 1e6 }), { minLength: 24, maxLength: 24 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
  fc.record({ meanPromptTokens: fc.double(), promptTokensCv: fc.double(), meanOutputTokens: fc.double(), outputTokensCv: fc.double() }),
);

function withValue(body: Record<string, any>, path: readonly string[], value: unknown): Record<string, any> {
  const copy = structuredClone(body);
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key];
  }
  node[path[path.length - 1]!] = value;
  return copy;
}

const mutated = fc
  .array(fc.tuple(fc.constantFrom(...PATHS), hostile), { minLength: 1, maxLength: 3 })
  .map((edits) => edits.reduce((body, [path, value]) => withValue(body, path, value), valid as Record<string, any>));
const anything = fc.jsonValue({ maxDepth: 6 });
/** Scenarios inside every bound: catalog ids, formats and sizes drawn at random (many are unservable, which is still a 200). */
const plausible = fc.record({
  modelId: fc.constantFrom('kimi-2024', 'mixtral-8x7b', 'mixtral-8x22b', 'deepseek-v3', 'kimi-k2', 'qwen3-30b-a3b', 'qwen3-235b-a22b'),
  gpuId: fc.constantFrom('a100-40gb', 'a100-80gb', 'h100-sxm', 'h800', 'h20', 'h200', 'l40s', 'b200'),
  quantization: fc.record({
    weights: fc.constantFrom('bf16', 'fp8', 'int8-w8a8', 'int8-w8a16', 'int4-w4a16', 'fp4'),
    kvCache: fc.constantFrom('bf16', 'fp8', 'int8'),
  }),
  deployment: fc.record({ tensorParallelSize: fc.constantFrom(1, 2, 4, 8, 16, 32), maxBatchSequences: fc.integer({ min: 1, max: 4096 }) }, { requiredKeys: [] }),
  workload: fc.record(
    {
      dailyActiveUsers: fc.integer({ min: 1, max: 100_000_000 }),
      tokensPerUserPerDay: fc.integer({ min: 0, max: 10_000_000 }),
      prefixCacheHitFraction: fc.double({ min: 0, max: 0.99, noNaN: true }),
      requestSizes: fc.record({
        meanPromptTokens: fc.integer({ min: 1, max: 30_000 }),
        promptTokensCv: fc.double({ min: 0, max: 3, noNaN: true }),
        meanOutputTokens: fc.integer({ min: 1, max: 2_000 }),
        outputTokensCv: fc.double({ min: 0, max: 3, noNaN: true }),
      }),
    },
    { requiredKeys: [] },
  ),
  slo: fc.record({ ttftSeconds: fc.double({ min: 0.01, max: 60, noNaN: true }), tpotSeconds: fc.double({ min: 0.001, max: 1, noNaN: true }) }, { requiredKeys: [] }),
});

describe('POST /v1/what-if under generated input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers every body with a finite 200 or a 4xx in the error shape, never a 5xx', async () => {
    let ok = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: mutated, weight: 3 }, { arbitrary: plausible, weight: 2 }, { arbitrary: anything, weight: 1 }), async (body) => {
        const res = await request(t.http).post('/v1/what-if').set('content-type', 'application/json').send(JSON.stringify(body));
        if (res.status === 200) {
          ok++;
          expect(nonFiniteNumberPaths(res.body)).toEqual([]);
          expect(res.text).not.toMatch(/NaN|Infinity/);
        } else {
          refused++;
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.body).toEqual(expect.objectContaining({ statusCode: res.status, code: expect.any(String), message: expect.any(String), details: expect.any(Array) }));
        }
      }),
      { numRuns: 1500, seed: 20261128 },
    );
    // Both branches were exercised: the property is not vacuous.
    process.stdout.write(`fuzz: ${ok} answered 200, ${refused} refused\n`);
    expect(ok).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(500);
  });
});
