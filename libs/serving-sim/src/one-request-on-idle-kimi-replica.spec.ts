import { simulate } from './simulate.js';
import { decodeSeconds, kimi2024OnA100Int8, prefillSeconds } from './testing/kimi-2024-a100-int8.js';
import { replicaShapeOf } from './replica-shape.js';
import type { SimRequest, SimulationConfig } from './types.js';

/*
 * One request on an idle kimi-2024 INT8 replica (TP 4, chunk 8192 tokens). With nothing else
 * running, continuous batching reduces to: prefill chunks of ≤ 8192 tokens back to back (each
 * after the earlier ones of its prompt), then one decode step per further output token at
 * context prompt + 1, + 2, … The expected times are composed here from libs/capacity's step times.
 */
const prepared = kimi2024OnA100Int8();
const shape = replicaShapeOf(prepared, 2e9);

function run(request: SimRequest) {
  const config: SimulationConfig = {
    classes: [{ name: 'b2b', slo: { ttftSeconds: 2, tpotSeconds: 0.08 }, overloadPolicy: 'queue' }],
    replica: shape,
    initialReplicas: 1,
    serviceTime: { kind: 'roofline', prepared },
    router: 'least-outstanding-tokens',
    seed: 1,
  };
  return simulate(config, [request]);
}

describe('one request on an idle kimi-2024 INT8 replica', () => {
  it('cold start = weight bytes / storage bandwidth: 151.35 GB at 2 GB/s ≈ 75.7 s', () => {
    // INT8 weights ≈ 151 196 270 592 × (1 + 4/4096) + 5 314 560 × 2 bytes (see libs/cost kimi spec).
    const weightBytes = 151_196_270_592 * (1 + 4 / 4096) + 5_314_560 * 2;
    expect(shape.coldStartSeconds / (weightBytes / 2e9)).toBeCloseTo(1, 5);
    expect(shape.maxBatchSequences).toBe(prepared.deployment.maxBatchSequences);
    // KV tokens ≈ (4 × 70 GB − weights) / 196 608 B = 654 324; 16-token blocks → 40 895.
    expect(shape.kvCapacityBlocks).toBe(Math.floor(654_324 / 16));
  });

  it('20 000-token prompt, 4 output tokens: TTFT = chunks 8192 + 8192 + 3616, then 3 decode steps', () => {
    const result = run({ arrivalSeconds: 5, promptTokens: 20_000, outputTokens: 4, cachedPrefixTokens: 0, classIndex: 0 });
    const ttft = prefillSeconds(prepared, 8192, 0) + prefillSeconds(prepared, 8192, 8192) + prefillSeconds(prepared, 3616, 16_384);
    const decode = decodeSeconds(prepared, 1, 20_001) + decodeSeconds(prepared, 1, 20_002) + decodeSeconds(prepared, 1, 20_003);
    const b2b = result.classes[0]!;
    expect(b2b.completed).toBe(1);
    expect(b2b.ttft!.p50Seconds).toBeCloseTo(ttft, 9);
    expect(b2b.endToEnd!.p50Seconds).toBeCloseTo(ttft + decode, 9);
    expect(b2b.tpot!.p50Seconds).toBeCloseTo(decode / 3, 9);
    expect(result.durationSeconds).toBeCloseTo(5 + ttft + decode, 9);
    expect(result.eventsByKind.prefillChunkDone).toBe(3);
    expect(result.eventsByKind.decodeStepDone).toBe(3);
  });

  it('a prefix-cache hit skips its prefill: 16 384 cached of 20 000 leaves one 3616-token chunk', () => {
    const result = run({ arrivalSeconds: 0, promptTokens: 20_000, outputTokens: 1, cachedPrefixTokens: 16_384, classIndex: 0 });
    expect(result.classes[0]!.ttft!.p50Seconds).toBeCloseTo(prefillSeconds(prepared, 3616, 16_384), 9);
    expect(result.classes[0]!.tpot).toBeNull();
    expect(result.eventsByKind.prefillChunkDone).toBe(1);
  });

  it('a full prefix hit still recomputes the last prompt token', () => {
    const result = run({ arrivalSeconds: 0, promptTokens: 512, outputTokens: 1, cachedPrefixTokens: 512, classIndex: 0 });
    expect(result.classes[0]!.ttft!.p50Seconds).toBeCloseTo(prefillSeconds(prepared, 1, 511), 9);
  });

  it('rejects a request whose prompt + output cannot fit one replica’s KV (654 324 tokens)', () => {
    const result = run({ arrivalSeconds: 0, promptTokens: 700_000, outputTokens: 1, cachedPrefixTokens: 0, classIndex: 0 });
    expect(result.classes[0]!.rejected['exceeds-replica-kv']).toBe(1);
    expect(result.classes[0]!.sloAttainmentFraction).toBe(0);
  });

  it('names the bad field of an arrival', () => {
    expect(() => run({ arrivalSeconds: 0, promptTokens: 0, outputTokens: 1, cachedPrefixTokens: 0, classIndex: 0 })).toThrow(
      'arrivals[0].promptTokens: must be a positive integer, got 0',
    );
    expect(() => run({ arrivalSeconds: 0, promptTokens: 5, outputTokens: 1, cachedPrefixTokens: 0, classIndex: 1 })).toThrow(
      'arrivals[0].classIndex: must be an integer from 0 to 0, got 1',
    );
  });
});
