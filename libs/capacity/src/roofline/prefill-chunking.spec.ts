import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { deploymentFixture } from '../testing/deployment-fixture.js';
import { prefillStepTime } from './prefill-step.js';

describe('chunked prefill of a 10 000-token prompt, Mixtral-8x7B BF16 on 2 × H100', () => {
  const base = { gpu: GPU_CATALOG['h100-sxm'], model: MODEL_CATALOG['mixtral-8x7b'], tensorParallelSize: 2 };
  const chunked = deploymentFixture({ ...base, prefillChunkTokens: 4096 });
  const whole = deploymentFixture({ ...base, prefillChunkTokens: 16_384 });
  const attentionFlopsPerPair = 32 * 32 * 4 * 128; // layers × heads × (QKᵀ + AV, 2 × 128 each)
  const activeMatmulParams = 12_748_853_248; // from the decode spec's hand count

  it('runs 3 chunks (4 096, 4 096, 1 808) with the same causal work as one: 10 000 × 10 001 / 2 pairs', () => {
    // chunk pairs: 4096·4097/2 = 8 390 656; 4096·4096 + 8 390 656 = 25 167 872; 1808·8192 + 1808·1809/2 = 16 446 472
    expect(8_390_656 + 25_167_872 + 16_446_472).toBe((10_000 * 10_001) / 2);
    const expectedFlops = 2 * activeMatmulParams * 10_000 + 50_005_000 * attentionFlopsPerPair;
    const step = prefillStepTime(chunked, 10_000);
    expect(step.flops).toBe(expectedFlops);
    expect(prefillStepTime(whole, 10_000).flops).toBe(expectedFlops);
    expect(step.overheadSeconds).toBeCloseTo(3 * 0.002, 12);
  });

  it('chunking costs two more weight reads, two more overheads and two more collective latencies', () => {
    const a = prefillStepTime(chunked, 10_000);
    const b = prefillStepTime(whole, 10_000);
    // Both compute-bound, so the re-read weights are hidden; overhead and latency are not.
    expect(a.bound).toBe('compute');
    expect(a.stepSeconds - b.stepSeconds).toBeCloseTo(2 * 0.002 + 2 * 64 * 10e-6, 9);
    // Bytes: 2 more reads of dense weights (2 949 128 192) and of all 8 experts × 32 layers (90 194 313 216;
    // 1 808 tokens already touch all 8), plus the KV of the 4 096 and 8 192 earlier tokens read back.
    expect(a.bytesMoved - b.bytesMoved).toBeCloseTo(
      2 * (2_949_128_192 + 32 * 8 * 3 * 4096 * 14_336 * 2) + (4096 + 8192) * 131_072,
      -2,
    );
  });

  it('is quadratic in the prompt: one chunk of P tokens has P(P+1)/2 pairs', () => {
    const p = 8192;
    const step = prefillStepTime(whole, p);
    expect(step.flops - 2 * activeMatmulParams * p).toBe(((p * (p + 1)) / 2) * attentionFlopsPerPair);
  });

  it('a cached prefix adds attention to it and a KV read, but no matmul work', () => {
    const fresh = prefillStepTime(whole, 1000);
    const afterPrefix = prefillStepTime(whole, 1000, 3000);
    expect(afterPrefix.flops - fresh.flops).toBe(1000 * 3000 * attentionFlopsPerPair);
    expect(afterPrefix.bytesMoved - fresh.bytesMoved).toBeCloseTo(3000 * 131_072, 0);
  });

  it('0 tokens is no step at all', () => {
    expect(prefillStepTime(whole, 0).stepSeconds).toBe(0);
  });
});

describe('chunked MLA prefill re-expands the cached latent (DeepSeek-V3 FP8, 8 × H200)', () => {
  const base = { gpu: GPU_CATALOG.h200, model: MODEL_CATALOG['deepseek-v3'], weightFormat: 'fp8' as const, tensorParallelSize: 8 };

  it('12 288 tokens in 3 chunks of 4 096 up-project 4 096 + 8 192 earlier tokens: 61 × 2 × 512 × 128 × 256 FLOPs each', () => {
    const chunked = prefillStepTime(deploymentFixture({ ...base, prefillChunkTokens: 4096 }), 12_288);
    const whole = prefillStepTime(deploymentFixture({ ...base, prefillChunkTokens: 16_384 }), 12_288);
    expect(chunked.flops - whole.flops).toBe(61 * 2 * 512 * 128 * (128 + 128) * (4096 + 8192));
  });

  it('prefill attention runs un-absorbed: per pair 61 × 128 × (2 × 192 + 2 × 128) FLOPs', () => {
    const d = deploymentFixture({ ...base, prefillChunkTokens: 16_384 });
    const one = prefillStepTime(d, 1); // matmuls of 1 token + 1 pair
    const two = prefillStepTime(d, 2); // matmuls of 2 tokens + 3 pairs
    expect(two.flops - 2 * one.flops).toBe(61 * 128 * (2 * (128 + 64) + 2 * 128));
  });
});
