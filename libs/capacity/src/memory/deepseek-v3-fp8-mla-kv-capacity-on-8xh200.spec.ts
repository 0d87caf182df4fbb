import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { deploymentFixture } from '../testing/deployment-fixture.js';
import { memoryPerReplica } from './memory-per-replica.js';

// DeepSeek-V3 config.json: 61 layers (3 dense), hidden 7168, dense FFN 18432, 256 routed + 1
// shared expert of width 2048, MLA with 128 heads, q_lora 1536, kv_lora 512, nope 128, rope 64, v 128.
const d = 7168;
const attentionPerLayer =
  d * 1536 + 1536 + 1536 * 128 * (128 + 64) + d * (512 + 64) + 512 + 512 * 128 * (128 + 128) + 128 * 128 * d;
const expert = 3 * d * 2048;
const fp8 = 1 + 4 / 16_384; // FP8 with one fp32 scale per 128×128 block
const weightBytes =
  fp8 *
    (2 * 129_280 * d + // embedding + LM head
      61 * attentionPerLayer +
      3 * 3 * d * 18_432 + // dense FFN layers
      58 * expert + // shared experts
      58 * 256 * expert) + // routed experts
  2 * (58 * d * 256 + 2 * d * 61 + d); // router and norms stay BF16

describe('DeepSeek-V3 FP8 on 8 × H200, TP8, BF16 MLA cache', () => {
  const memory = memoryPerReplica(
    deploymentFixture({
      gpu: GPU_CATALOG.h200,
      model: MODEL_CATALOG['deepseek-v3'],
      weightFormat: 'fp8',
      tensorParallelSize: 8,
    }),
  );

  it('weighs ≈ 671 GB', () => {
    expect(memory.weights.totalBytes).toBeCloseTo(weightBytes, 0);
    expect(weightBytes / 1e9).toBeCloseTo(671.3, 1);
  });

  it('keeps the whole latent on every TP rank: 70 272 × 8 = 562 176 bytes per token per replica', () => {
    expect(memory.kvBytesPerToken).toBe(61 * 576 * 2 * 8);
  });

  it('holds (8 × 141e9 × 0.9 − weights) / 562 176 ≈ 612 k tokens', () => {
    const kvBytes = 8 * 141e9 * 0.9 - weightBytes;
    expect(memory.kvCacheBytes).toBeCloseTo(kvBytes, 0);
    expect(memory.kvCapacityTokens).toBe(Math.floor(kvBytes / 562_176));
    // ≈ 344 GB of cache: 4.8 M tokens if the latent were not replicated, 612 k as it is.
    expect(memory.kvCapacityTokens).toBeGreaterThan(611_000);
    expect(memory.kvCapacityTokens).toBeLessThan(613_000);
  });
});
