import { replicaShapeOf } from './replica-shape.js';
import { simulate } from './simulate.js';
import { decodeSeconds, kimi2024OnA100Int8 } from './testing/kimi-2024-a100-int8.js';
import type { SimRequest, SimulationConfig } from './types.js';

/*
 * KV, not compute, caps concurrency at long contexts. kimi-2024 INT8 on 4 × A100-80GB keeps
 * 654 324 KV tokens (see the cold-start case) = 40 895 blocks of 16 tokens. A 100 000-token
 * prompt with 100 output tokens reserves ceil(100 100 / 16) = 6257 blocks: 6 fit (37 542 blocks),
 * a 7th (43 799) does not, although the batch cap is 256 sequences and a decode step of 6 such
 * sequences is far under the 80 ms TPOT target. 1000-token prompts (69 blocks each) all run at once.
 */
const prepared = kimi2024OnA100Int8();
const config: SimulationConfig = {
  classes: [{ name: 'all', slo: { ttftSeconds: 600, tpotSeconds: 0.08 }, overloadPolicy: 'queue' }],
  replica: replicaShapeOf(prepared, 2e9),
  initialReplicas: 1,
  serviceTime: { kind: 'roofline', prepared },
  router: 'least-outstanding-tokens',
  seed: 1,
  sampleIntervalSeconds: 1,
};
const burst = (promptTokens: number): SimRequest[] =>
  Array.from({ length: 20 }, () => ({ arrivalSeconds: 0, promptTokens, outputTokens: 100, cachedPrefixTokens: 0, classIndex: 0 }));

describe('KV capacity, not compute, limits concurrency at 100 k-token contexts', () => {
  const long = simulate(config, burst(100_000));
  const short = simulate(config, burst(1_000));

  it('runs at most 6 of 20 long requests at once, 14 waiting at first', () => {
    expect(Math.max(...long.samples.runningRequests)).toBe(6);
    expect(long.samples.runningRequests[0]).toBe(6);
    expect(long.samples.queuedRequestsByClass[0]![0]).toBe(14);
  });

  it('fills 6 × 6257 / 40 895 = 91.8 % of the KV blocks', () => {
    expect(long.samples.kvUtilizationFraction[0]).toBeCloseTo((6 * 6257) / 40_895, 12);
  });

  it('is not compute-bound: a decode step of 6 sequences at 100 k context is under the 80 ms TPOT', () => {
    expect(decodeSeconds(prepared, 6, 100_050)).toBeLessThan(0.08);
    expect(prepared.deployment.maxBatchSequences).toBeGreaterThan(6);
  });

  it('runs all 20 short requests at once and finishes everything in both cases', () => {
    expect(short.samples.runningRequests[0]).toBe(20);
    expect(long.classes[0]!.completed).toBe(20);
    expect(short.classes[0]!.completed).toBe(20);
    expect(long.classes[0]!.waitedFraction).toBeCloseTo(14 / 20, 12);
  });
});
