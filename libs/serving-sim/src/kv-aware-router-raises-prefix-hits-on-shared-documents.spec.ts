import { mulberry32 } from '../../cost/src/index.js';
import { replicaShapeOf } from './replica-shape.js';
import { simulate } from './simulate.js';
import { kimi2024OnA100Int8 } from './testing/kimi-2024-a100-int8.js';
import type { RouterKind, SimRequest } from './types.js';

/*
 * A long-context product: 400 requests, one every 0.25 s, each a question about one of 40 documents
 * (8 prefix blocks of 512 tokens = 4 096 shared tokens) plus its own 512-token question block:
 * 4 608 prompt tokens, 64 output tokens, on 4 kimi-2024 INT8 replicas. Block ids: document d
 * owns 100·d .. 100·d + 7; question i owns 10 000 + i.
 * At most every request but the first of each document can hit its 8 document blocks:
 * (400 − 40) × 8 / (400 × 9) = 0.8 of the looked-up blocks. A router blind to prefixes spreads a
 * document over the 4 replicas, so each document misses once per replica it lands on (up to 4 × 40
 * first visits instead of 40). Measured: least-outstanding-tokens 0.609, round-robin 0.56, KV-aware 0.78.
 */
const prepared = kimi2024OnA100Int8();
const random = mulberry32(11);
const requests: SimRequest[] = Array.from({ length: 400 }, (_, i) => {
  const d = Math.floor(random() * 40);
  return {
    arrivalSeconds: 0.25 * i,
    promptTokens: 9 * 512,
    outputTokens: 64,
    cachedPrefixTokens: 0,
    classIndex: 0,
    prefixBlockIds: [...Array.from({ length: 8 }, (_, k) => 100 * d + k), 10_000 + i],
  };
});
const run = (router: RouterKind) =>
  simulate(
    {
      classes: [{ name: 'all', slo: { ttftSeconds: 10, tpotSeconds: 0.2 }, overloadPolicy: 'queue' }],
      replica: replicaShapeOf(prepared, 2e9),
      initialReplicas: 4,
      serviceTime: { kind: 'roofline', prepared },
      router,
      seed: 1,
    },
    requests,
  );

describe('KV-aware routing on requests that share document prefixes', () => {
  const lot = run('least-outstanding-tokens');
  const kv = run('kv-aware');

  it('raises the prefix-cache hit fraction well above least-outstanding-tokens, close to the 0.8 ceiling', () => {
    expect(kv.prefixCache.lookedUpBlocks).toBe(400 * 9);
    expect(kv.prefixCache.hitFraction).toBeGreaterThan(lot.prefixCache.hitFraction + 0.1);
    expect(kv.prefixCache.hitFraction).toBeLessThanOrEqual(0.8 + 1e-12);
    // Each document stays on one replica while load allows: nearly every repeat hits.
    expect(kv.prefixCache.hitFraction).toBeGreaterThan(0.75);
  });

  it('serves everything, and the skipped prefill lowers the mean TTFT', () => {
    expect(kv.classes[0]!.completed).toBe(400);
    expect(lot.classes[0]!.completed).toBe(400);
    expect(kv.classes[0]!.ttft!.meanSeconds).toBeLessThan(lot.classes[0]!.ttft!.meanSeconds);
  });
});
