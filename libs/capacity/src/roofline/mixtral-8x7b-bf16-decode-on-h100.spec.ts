import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { DEFAULT_EFFICIENCY } from '../efficiency/defaults.js';
import { deploymentFixture } from '../testing/deployment-fixture.js';
import { decodeStepTime } from './decode-step.js';

// Mixtral-8x7B BF16 (config.json numbers; parameter arithmetic as in the weights spec).
const embedding = 32_000 * 4096;
const attention = 32 * (4096 * 4096 * 2 + 2 * 4096 * 1024);
const paramsPerExpert = 3 * 4096 * 14_336;
const router = 32 * 4096 * 8;
const norms = 2 * 4096 * 32 + 4096;
const kvBytesPerToken = 32 * 2 * 8 * 128 * 2;
// Attention per (query, key) pair: QKᵀ and AV, 2 × 128 FLOPs each, 32 heads, 32 layers.
const attentionFlopsPerPair = 32 * 32 * 4 * 128;
// Activations: residual read + write around attention and FFN (4 × 4096 per layer) + one logits row, 16-bit.
const activationBytesPerToken = (4 * 32 * 4096 + 32_000) * 2;
// Active matmul params: everything but routed experts and the embedding gather, plus 2 experts per layer.
const activeMatmulParams = attention + router + norms + embedding /* LM head */ + 32 * 2 * paramsPerExpert;

describe('Mixtral-8x7B BF16 decode on one H100 SXM (3.35 TB/s, 989 TFLOP/s BF16)', () => {
  // (The weights do not fit one H100; the step-time function does not check memory.)
  const deployment = deploymentFixture({ gpu: GPU_CATALOG['h100-sxm'], model: MODEL_CATALOG['mixtral-8x7b'] });

  it('at batch 1 and 1 000 tokens of context is bandwidth-bound: bytes / (3.35e12 × 0.8) + 2 ms', () => {
    const denseBytes = 2 * (attention + router + norms + embedding /* LM head */); // 2 949 128 192
    const expertBytes = 32 * 2 * paramsPerExpert * 2; // 2 experts touched per layer: 22 548 578 304
    const kvBytes = (1000 + 1) * kvBytesPerToken; // read 1 000, write 1
    const bytes = denseBytes + expertBytes + kvBytes + activationBytesPerToken;
    expect(bytes).toBe(25_630_022_144);
    const memorySeconds = bytes / (3.35e12 * 0.8); // 9.563 ms

    const step = decodeStepTime(deployment, 1, 1000);
    expect(step.bound).toBe('bandwidth');
    expect(step.bytesMoved).toBeCloseTo(bytes, -1);
    expect(step.memorySeconds).toBeCloseTo(memorySeconds, 9);
    expect(step.distinctExpertsPerLayer).toBeCloseTo(2, 12);
    expect(step.communicationSeconds).toBe(0);
    expect(step.overheadSeconds).toBe(DEFAULT_EFFICIENCY.stepOverheadSeconds);
    expect(step.stepSeconds).toBeCloseTo(memorySeconds + 0.002, 9); // 11.56 ms
    expect(step.flops).toBe(2 * activeMatmulParams + 1000 * attentionFlopsPerPair);
    expect(step.computeSeconds).toBeCloseTo(step.flops / (989e12 * 0.6), 12);
  });

  it('at batch 256 reads all 8 experts of every layer', () => {
    const step = decodeStepTime(deployment, 256, 1000);
    // 1 − 0.75^256 = 1 to 32 digits
    expect(step.distinctExpertsPerLayer).toBeCloseTo(8, 9);
  });
});

describe('Mixtral-8x7B BF16 decode on one H200 turns compute-bound at large batch', () => {
  const deployment = deploymentFixture({
    gpu: GPU_CATALOG.h200,
    model: MODEL_CATALOG['mixtral-8x7b'],
    maxBatchSequences: 4096,
  });
  const context = 100;
  // Per token: 2 × 12 748 853 248 matmul FLOPs + 100 × 524 288 attention FLOPs.
  const flopsPerToken = 2 * activeMatmulParams + context * attentionFlopsPerPair;

  it('batch 2 048 is compute-bound: 2 048 × 25.55 GFLOP / (989e12 × 0.6) = 88.2 ms vs 31.9 ms of bytes', () => {
    const step = decodeStepTime(deployment, 2048, context);
    expect(step.bound).toBe('compute');
    expect(step.computeSeconds).toBeCloseTo((2048 * flopsPerToken) / (989e12 * 0.6), 9);
    const bytes =
      2 * (attention + router + norms + embedding) +
      32 * 8 * paramsPerExpert * 2 +
      2048 * (context + 1) * kvBytesPerToken +
      2048 * activationBytesPerToken;
    expect(step.memorySeconds).toBeCloseTo(bytes / (4.8e12 * 0.8), 6);
  });

  it('beyond that, doubling the batch adds exactly the extra FLOPs: Δ = 2 048 × flops per token / peak', () => {
    const a = decodeStepTime(deployment, 2048, context);
    const b = decodeStepTime(deployment, 4096, context);
    expect(b.stepSeconds - a.stepSeconds).toBeCloseTo((2048 * flopsPerToken) / (989e12 * 0.6), 9);
  });
});
