import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { decodeStepTime } from '../roofline/decode-step.js';
import { prefillStepTime } from '../roofline/prefill-step.js';
import { deploymentFixture } from '../testing/deployment-fixture.js';
import { replicaThroughput } from './replica-throughput.js';

const model = MODEL_CATALOG['mixtral-8x7b'];
const attentionFlopsPerPair = 32 * 32 * 4 * 128;
const activeMatmulParams = 12_748_853_248; // hand count, see roofline/mixtral-8x7b-bf16-decode-on-h100.spec.ts

describe('Mixtral-8x7B BF16 on 2 × A100-80GB, long documents: the KV cache decides', () => {
  // KV capacity 355 487 tokens (memory/mixtral-8x7b-bf16-weights-on-a100-80gb.spec.ts).
  const deployment = deploymentFixture({
    gpu: GPU_CATALOG['a100-80gb'],
    model,
    tensorParallelSize: 2,
    reservedBytesPerGpu: 2e9,
  });
  const result = replicaThroughput(
    deployment,
    { ttftSeconds: 60, tpotSeconds: 1 },
    { meanPromptTokens: 30_000, meanOutputTokens: 2000, prefixCacheHitFraction: 0 },
  );

  it('fits floor(355 487 / 32 000) = 11 whole sequences', () => {
    expect(result.decodeBatchSequences).toBe(11);
    expect(result.decodeBatchLimitedBy).toBe('kv-memory');
    expect(result.sloFeasible).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('decodes at mean context 30 000 + 2 000 / 2 = 31 000 tokens: 11 tokens per step', () => {
    expect(result.meanDecodeContextTokens).toBe(31_000);
    const step = decodeStepTime(deployment, 11, 31_000);
    expect(result.decodeStep.stepSeconds).toBe(step.stepSeconds);
    expect(result.decodeTokensPerSecond).toBeCloseTo(11 / step.stepSeconds, 9);
  });

  it('prefills the 30 000-token prompt in 4 chunks of ≤ 8 192; TTFT is that prefill', () => {
    const prefill = prefillStepTime(deployment, 30_000);
    expect(result.idleTtftSeconds).toBe(prefill.stepSeconds);
    expect(result.prefillStep.overheadSeconds).toBeCloseTo(4 * 0.002, 12);
    expect(result.prefillTokensPerSecond).toBeCloseTo(30_000 / prefill.stepSeconds, 6);
  });
});

describe('Mixtral-8x7B BF16 on 2 × H100, chat: the TPOT target decides', () => {
  const deployment = deploymentFixture({ gpu: GPU_CATALOG['h100-sxm'], model, tensorParallelSize: 2 });
  const shape = { meanPromptTokens: 1000, meanOutputTokens: 200, prefixCacheHitFraction: 0.5 };

  it('at 20 ms TPOT takes the largest batch whose step stays ≤ 20 ms', () => {
    const result = replicaThroughput(deployment, { ttftSeconds: 1, tpotSeconds: 0.02 }, shape);
    const batch = result.decodeBatchSequences;
    expect(result.decodeBatchLimitedBy).toBe('tpot-slo');
    expect(batch).toBeGreaterThan(1);
    expect(batch).toBeLessThan(256);
    expect(decodeStepTime(deployment, batch, 1100).stepSeconds).toBeLessThanOrEqual(0.02);
    expect(decodeStepTime(deployment, batch + 1, 1100).stepSeconds).toBeGreaterThan(0.02);
    expect(result.sloFeasible).toBe(true);
  });

  it('at 50 ms TPOT runs the scheduler cap of 256 sequences', () => {
    const result = replicaThroughput(deployment, { ttftSeconds: 1, tpotSeconds: 0.05 }, shape);
    expect(result.decodeBatchSequences).toBe(256);
    expect(result.decodeBatchLimitedBy).toBe('max-batch');
  });

  it('prefills 500 uncached tokens after 500 cached; 8 192-token chunks pack 16 such prompts', () => {
    const result = replicaThroughput(deployment, { ttftSeconds: 1, tpotSeconds: 0.05 }, shape);
    expect(result.idleTtftSeconds).toBe(prefillStepTime(deployment, 500, 500).stepSeconds);
    // 16 prompts × (500 × 500 pairs with the prefix + 500 × 501 / 2 causal pairs)
    const pairs = 16 * (500 * 500 + (500 * 501) / 2);
    expect(result.prefillStep.flops).toBe(2 * activeMatmulParams * 8000 + pairs * attentionFlopsPerPair);
    expect(result.prefillTokensPerSecond).toBeCloseTo(8000 / result.prefillStep.stepSeconds, 6);
  });

  it('with a full prefix hit still recomputes the last prompt token', () => {
    const result = replicaThroughput(
      deployment,
      { ttftSeconds: 1, tpotSeconds: 0.05 },
      { ...shape, prefixCacheHitFraction: 1 },
    );
    expect(result.idleTtftSeconds).toBe(prefillStepTime(deployment, 1, 999).stepSeconds);
  });
});

describe('infeasible deployments report why instead of throwing', () => {
  const shape = { meanPromptTokens: 1000, meanOutputTokens: 200, prefixCacheHitFraction: 0 };
  const slo = { ttftSeconds: 1, tpotSeconds: 0.05 };

  it('weights that do not fit give zeros', () => {
    const result = replicaThroughput(deploymentFixture({ gpu: GPU_CATALOG['a100-80gb'], model }), slo, shape);
    expect(result.sloFeasible).toBe(false);
    expect(result.decodeTokensPerSecond).toBe(0);
    expect(result.prefillTokensPerSecond).toBe(0);
    expect(result.warnings.join()).toMatch(/weights: 93\.4 GB do not fit in 72\.0 GB usable on 1 × a100-80gb/);
  });

  const twoH100 = deploymentFixture({ gpu: GPU_CATALOG['h100-sxm'], model, tensorParallelSize: 2 });

  it('a TPOT below the batch-1 step describes batch 1 and flags it', () => {
    const result = replicaThroughput(twoH100, { ttftSeconds: 1, tpotSeconds: 0.001 }, shape);
    expect(result.sloFeasible).toBe(false);
    expect(result.decodeBatchSequences).toBe(1);
    expect(result.decodeBatchLimitedBy).toBe('tpot-slo');
    expect(result.decodeTokensPerSecond).toBeGreaterThan(0);
    expect(result.warnings.join()).toMatch(/^tpot: a decode step at batch 1 takes/);
  });

  it('a TTFT below the idle prefill time', () => {
    const result = replicaThroughput(twoH100, { ttftSeconds: 0.001, tpotSeconds: 0.05 }, shape);
    expect(result.sloFeasible).toBe(false);
    expect(result.warnings.join()).toMatch(/^ttft: prefill of 1000 uncached prompt tokens/);
  });

  it('a sequence longer than the 32 768-token context window', () => {
    const result = replicaThroughput(twoH100, slo, { ...shape, meanPromptTokens: 40_000 });
    expect(result.sloFeasible).toBe(false);
    expect(result.warnings.join()).toMatch(/context: mean sequence of 40200 tokens exceeds mixtral-8x7b's 32768-token/);
  });

  it('a KV cache too small for one sequence (DeepSeek-V3 on 8 × H200 with 40 GB reserved per GPU)', () => {
    // KV = 8 × (126.9e9 − 40e9) − 671.3e9 ≈ 23.9 GB = 42 k tokens at 562 176 B < 100 200.
    const deployment = deploymentFixture({
      gpu: GPU_CATALOG.h200,
      model: MODEL_CATALOG['deepseek-v3'],
      weightFormat: 'fp8',
      tensorParallelSize: 8,
      reservedBytesPerGpu: 40e9,
    });
    const result = replicaThroughput(deployment, { ttftSeconds: 100, tpotSeconds: 1 }, {
      meanPromptTokens: 100_000,
      meanOutputTokens: 200,
      prefixCacheHitFraction: 0,
    });
    expect(result.sloFeasible).toBe(false);
    expect(result.decodeBatchSequences).toBe(0);
    expect(result.decodeBatchLimitedBy).toBe('kv-memory');
    expect(result.decodeTokensPerSecond).toBe(0);
    expect(result.prefillTokensPerSecond).toBeGreaterThan(0);
    expect(result.warnings.join()).toMatch(/^kv-memory: one sequence of 100200 tokens needs 56\.3 GB/);
  });
});
