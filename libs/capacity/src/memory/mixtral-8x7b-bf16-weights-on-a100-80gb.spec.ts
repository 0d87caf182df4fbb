import { GPU_CATALOG, MODEL_CATALOG, WEIGHT_FORMATS } from '../../../catalog/src/index.js';
import { deploymentFixture } from '../testing/deployment-fixture.js';
import { memoryPerReplica } from './memory-per-replica.js';
import { minimumGpusForWeights } from './minimum-gpus.js';
import { weightBytesByComponent } from './weight-bytes.js';

// Mixtral-8x7B config.json: 32 layers, hidden 4096, 32 q / 8 kv heads × 128, 8 experts of
// width 14336, vocab 32 000, untied LM head. Parameters by hand:
const embedding = 32_000 * 4096; // 131 072 000
const attentionPerLayer = 4096 * 4096 * 2 + 2 * 4096 * (8 * 128); // q, o + k, v = 41 943 040
const attention = 32 * attentionPerLayer; // 1 342 177 280
const paramsPerExpert = 3 * 4096 * 14_336; // 176 160 768
const routed = 32 * 8 * paramsPerExpert; // 45 097 156 608
const router = 32 * 4096 * 8; // 1 048 576
const norms = 2 * 4096 * 32 + 4096; // 266 240
const total = 2 * embedding + attention + routed + router + norms; // 46 702 792 704 ≈ published 46.7 B

describe('Mixtral-8x7B in BF16 on A100-80GB', () => {
  const model = MODEL_CATALOG['mixtral-8x7b'];
  const a100 = GPU_CATALOG['a100-80gb'];
  const bf16 = WEIGHT_FORMATS.bf16;

  it('weighs 2 bytes × 46.70 B params = 93.4 GB', () => {
    const weights = weightBytesByComponent(model, bf16, bf16);
    expect(total).toBe(46_702_792_704);
    expect(weights.totalBytes).toBe(2 * total);
    expect(weights.totalBytes / 1e9).toBeCloseTo(93.4, 1);
    expect(weights.routedExpertBytes).toBe(2 * routed);
    expect(weights.lmHeadBytes).toBe(2 * embedding);
    expect(weights.sharedExpertBytes).toBe(0);
  });

  it('needs 2 GPUs: 93.4 GB over 80 GB × 0.9 = 72 GB usable each is 1.30', () => {
    expect(minimumGpusForWeights(model, bf16, bf16, a100, 0.9, 0)).toBe(2);
  });

  it('needs 3 A100-40GB: 93.4 GB over 36 GB is 2.59', () => {
    expect(minimumGpusForWeights(model, bf16, bf16, GPU_CATALOG['a100-40gb'], 0.9, 0)).toBe(3);
  });

  it('with FP8 routed experts fits one H100: 45.10 B × (1 + 4/16384) + 1.61 B × 2 = 48.3 GB ≤ 72 GB', () => {
    const fp8 = WEIGHT_FORMATS.fp8;
    const expected = routed * (1 + 4 / 16_384) + (total - routed) * 2;
    expect(weightBytesByComponent(model, bf16, fp8).totalBytes).toBeCloseTo(expected, 0);
    expect(expected / 1e9).toBeCloseTo(48.3, 1);
    expect(minimumGpusForWeights(model, bf16, fp8, GPU_CATALOG['h100-sxm'], 0.9, 0)).toBe(1);
  });

  it('keeps norms and the router in BF16 when everything else is INT4', () => {
    const int4 = WEIGHT_FORMATS['int4-w4a16'];
    const weights = weightBytesByComponent(model, int4, int4);
    expect(weights.normBytes).toBe(2 * norms);
    expect(weights.routerBytes).toBe(2 * router);
    expect(weights.attentionBytes).toBeCloseTo(attention * (0.5 + 2.5 / 128), 0);
  });

  it('on 2 GPUs at 0.9 usable and 2 GB reserve leaves 46.6 GB = 355 487 tokens of KV', () => {
    const memory = memoryPerReplica(
      deploymentFixture({ gpu: a100, model, tensorParallelSize: 2, reservedBytesPerGpu: 2e9 }),
    );
    // usable = 2 × 80e9 × 0.9 − 2 × 2e9 = 140e9; KV = 140e9 − 93 405 585 408 = 46 594 414 592
    expect(memory.reservedBytes).toBeCloseTo(2 * (80e9 * 0.1 + 2e9), 0);
    expect(memory.kvCacheBytes).toBeCloseTo(46_594_414_592, 0);
    expect(memory.kvBytesPerToken).toBe(131_072);
    // 46 594 414 592 / 131 072 = 355 487.17
    expect(memory.kvCapacityTokens).toBe(355_487);
    expect(memory.weightsBytesPerGpu).toBe(total); // 2 bytes × total / 2 GPUs
    expect(memory.fitsWeights).toBe(true);
  });

  it('on 1 GPU does not fit and has no KV cache', () => {
    const memory = memoryPerReplica(deploymentFixture({ gpu: a100, model }));
    expect(memory.fitsWeights).toBe(false);
    expect(memory.kvCacheBytes).toBe(0);
    expect(memory.kvCapacityTokens).toBe(0);
  });

  it('rejects a reserve that leaves nothing usable', () => {
    expect(() => minimumGpusForWeights(model, bf16, bf16, a100, 0.5, 40e9)).toThrow(/reservedBytesPerGpu/);
  });
});
