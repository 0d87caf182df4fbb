import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { expertParallelDecodeStep } from '../large-ep/expert-parallel-step.js';
import { memoryPerReplica } from '../memory/memory-per-replica.js';
import { communicationCost } from '../roofline/communication.js';
import { decodeStepTime } from '../roofline/decode-step.js';
import { prefillStepTime } from '../roofline/prefill-step.js';
import { maxLoadThroughput } from '../slo/max-load-throughput.js';
import { replicaThroughput } from '../slo/replica-throughput.js';
import { deploymentFixture, ROUND_EFFICIENCY } from '../testing/deployment-fixture.js';
import { mixtralEpPoolOnH100 } from '../testing/expert-pool-fixture.js';
import type { DeploymentSpec, EfficiencyCoefficients } from '../types.js';

// Mixtral-8x7B BF16 (config.json: 32 layers, hidden 4 096, 32 q / 8 kv heads of 128, 8 experts of
// FFN 14 336, top-2, vocab 32 000, untied LM head), as in roofline/mixtral-8x7b-bf16-decode-on-h100.spec.ts.
const model = MODEL_CATALOG['mixtral-8x7b'];
const embedding = 32_000 * 4096; // 131 072 000 (the LM head is the same size)
const attention = 32 * (4096 * 4096 * 2 + 2 * 4096 * 1024); // 1 342 177 280
const paramsPerExpert = 3 * 4096 * 14_336; // 176 160 768
const router = 32 * 4096 * 8; // 1 048 576
const norms = 2 * 4096 * 32 + 4096; // 266 240
const routedBytes = 32 * 8 * paramsPerExpert * 2; // 90 194 313 216
const denseBytes = (2 * embedding + attention + router + norms) * 2; // 3 211 272 192 (all but routed experts)
// Read by every step: attention, router, norms, LM head (the embedding table is a row gather).
const denseReadBytes = (attention + router + norms + embedding) * 2; // 2 949 128 192
const kvBytesPerToken = 32 * 2 * 8 * 128 * 2; // 131 072
const activeMatmulParams = attention + router + norms + embedding + 32 * 2 * paramsPerExpert; // 12 748 853 248
const attentionFlopsPerPair = 32 * 32 * 4 * 128; // 524 288

const h100 = GPU_CATALOG['h100-sxm']; // 80 GB, 3.35 TB/s, 989 TFLOP/s BF16, NVLink 450 GB/s one way
const memoryBandwidth = 3.35e12 * 0.8; // ROUND_EFFICIENCY η_memory
const onTwoH100 = (attentionDataParallel: boolean, efficiency: EfficiencyCoefficients = ROUND_EFFICIENCY): DeploymentSpec => ({
  ...deploymentFixture({ gpu: h100, model, tensorParallelSize: 2, efficiency }),
  attentionDataParallel,
});

describe('data-parallel attention inside a TP2 replica (Mixtral-8x7B BF16 on 2 × H100, 0.9 of HBM usable)', () => {
  it('each GPU holds the dense part whole and half the experts: 3.211 + 45.097 = 48.308 GB; KV is what the two copies leave', () => {
    const dp = memoryPerReplica(onTwoH100(true));
    const tp = memoryPerReplica(onTwoH100(false));
    expect(dp.weightsBytesPerGpu).toBe(denseBytes + routedBytes / 2); // 48 308 428 800
    // usable 2 × 80e9 × 0.9 = 144e9; two GPUs hold 96 616 857 600 → 47 383 142 400 bytes of KV
    expect(dp.kvCacheBytes).toBeCloseTo(144e9 - 2 * (denseBytes + routedBytes / 2), 0);
    // 8 KV heads over TP2 replicate nothing either way: 131 072 bytes per token in both
    expect(dp.kvBytesPerToken).toBe(kvBytesPerToken);
    expect(dp.kvCapacityTokens).toBe(361_504); // 47 383 142 400 / 131 072 = 361 504.69
    // Tensor-parallel attention keeps one copy of the dense part: 3.211 GB more KV, 386 004 tokens.
    expect(tp.kvCapacityTokens).toBe(386_004); // (144e9 − 93 405 585 408) / 131 072 = 386 004.75
    expect(dp.fitsWeights).toBe(true);
  });

  it('KV is not replicated: DeepSeek-V3 style MLA (one latent per token) on TP8 keeps one copy, not eight', () => {
    const deepseek = MODEL_CATALOG['deepseek-v3'];
    const base = deploymentFixture({ gpu: GPU_CATALOG.h200, model: deepseek, weightFormat: 'fp8', tensorParallelSize: 8 });
    const tp = memoryPerReplica(base);
    const dp = memoryPerReplica({ ...base, attentionDataParallel: true });
    // 61 layers × (512 + 64) × 2 bytes = 70 272 bytes per token (PUBLISHED.md: 68.6 KiB)
    expect(dp.kvBytesPerToken).toBe(61 * 576 * 2);
    expect(tp.kvBytesPerToken).toBe(8 * 61 * 576 * 2);
  });

  describe('decode step of 64 sequences at 1 000 tokens of context (32 per GPU), η 0.5 / 0.8 / 0.5, 1 ms per step', () => {
    const dp = decodeStepTime(onTwoH100(true), 64, 1000);
    const tp = decodeStepTime(onTwoH100(false), 64, 1000);

    it('compute is the same: each GPU runs half the tokens through whole dense weights instead of all tokens through half of them', () => {
      // 64 × 2 × 12 748 853 248 / (2 × 989e12 × 0.5) + 64 000 × 524 288 / (2 × 989e12 × 0.5) = 1.6502 + 0.0339 ms
      const expected = (64 * 2 * activeMatmulParams + 64_000 * attentionFlopsPerPair) / (2 * 989e12 * 0.5);
      expect(dp.computeSeconds).toBeCloseTo(expected, 12);
      expect(tp.computeSeconds).toBeCloseTo(expected, 12);
    });

    it('memory: each GPU also streams the dense half it would not hold under TP: + 1.4746 GB / 2.68 TB/s = + 0.5502 ms', () => {
      expect(dp.memorySeconds - tp.memorySeconds).toBeCloseTo(denseReadBytes / 2 / memoryBandwidth, 12);
      expect((dp.memorySeconds - tp.memorySeconds) * 1e3).toBeCloseTo(0.5502, 4);
    });

    it('communication: per MoE layer one all-gather + reduce-scatter of the 64 tokens instead of two all-reduces per layer', () => {
      // all-reduce of one token: 2 × (2 − 1) / 2 × 4 096 × 2 bytes / (450e9 × 0.5) = 36.409 ns
      const allReducePerToken = 8192 / (450e9 * 0.5);
      expect(communicationCost(onTwoH100(true)).collectivesPerStep).toBe(64); // 2 per MoE layer
      expect(dp.communicationSeconds).toBeCloseTo(64 * 10e-6 + 32 * 64 * allReducePerToken, 12); // 0.640 + 0.0746 ms
      expect(tp.communicationSeconds).toBeCloseTo(64 * 10e-6 + 64 * 64 * allReducePerToken, 12); // 0.640 + 0.1491 ms
    });

    it('host work per sequence: each GPU schedules its own 32 sequences, so 10 µs per sequence costs 0.32 ms, not 0.64 ms', () => {
      const perSequence = { ...ROUND_EFFICIENCY, overheadSecondsPerSequence: 10e-6 };
      expect(decodeStepTime(onTwoH100(true, perSequence), 64, 1000).overheadSeconds).toBeCloseTo(0.001 + 32 * 10e-6, 15);
      expect(decodeStepTime(onTwoH100(false, perSequence), 64, 1000).overheadSeconds).toBeCloseTo(0.001 + 64 * 10e-6, 15);
    });

    it('on one GPU data-parallel attention changes nothing, to the last bit', () => {
      const one = deploymentFixture({ gpu: h100, model, weightFormat: 'fp8', efficiency: { ...ROUND_EFFICIENCY, overheadSecondsPerSequence: 1e-5 } });
      expect(decodeStepTime({ ...one, attentionDataParallel: true }, 64, 1000)).toEqual(decodeStepTime(one, 64, 1000));
      expect(memoryPerReplica({ ...one, attentionDataParallel: true })).toEqual(memoryPerReplica(one));
    });
  });

  it('flows into replica and max-load throughput: the KV limit is the smaller DP cache (361 504 tokens / 2 000 = 180 sequences)', () => {
    const shape = { meanPromptTokens: 1000, meanOutputTokens: 1000, prefixCacheHitFraction: 0 };
    const noSlo = { ttftSeconds: Number.MAX_VALUE, tpotSeconds: Number.MAX_VALUE };
    const t = replicaThroughput(onTwoH100(true), noSlo, shape);
    expect(t.decodeBatchSequences).toBe(180); // floor(361 504 / 2 000); the fixture's cap is 256
    expect(t.decodeBatchLimitedBy).toBe('kv-memory');
    expect(t.decodeTokensPerSecond).toBeCloseTo(180 / decodeStepTime(onTwoH100(true), 180, 1500).stepSeconds, 6);
    const m = maxLoadThroughput(onTwoH100(true), shape);
    expect(m.decodeBatchSequences).toBe(180);
    expect(m.outputTokensPerSecond).toBeCloseTo(1000 / (1000 / t.prefillTokensPerSecond + 1000 / t.decodeTokensPerSecond), 6);
  });

  it('rejects a non-boolean attentionDataParallel', () => {
    expect(() => memoryPerReplica({ ...onTwoH100(true), attentionDataParallel: 'yes' as unknown as boolean })).toThrow(/attentionDataParallel/);
  });
});

describe('per-kernel roofline: weight GEMMs and attention each at their own bound (Mixtral-8x7B BF16, one H100)', () => {
  const onH100 = (efficiency: EfficiencyCoefficients) => deploymentFixture({ gpu: h100, model, maxBatchSequences: 4096, efficiency });
  const perKernel = { ...ROUND_EFFICIENCY, perKernelRoofline: true };

  it('batch 2 048 at 1 000 tokens: GEMMs compute-bound (105.6 ms) then attention KV-bound (100.26 ms): 206.9 ms with the 1 ms overhead, not max(107.8, 135.9) + 1', () => {
    // GEMMs: 2 048 × 2 × 12 748 853 248 / (989e12 × 0.5) = 105.59 ms of compute against
    //   (2 949 128 192 + 32 × 8 × 352 321 536 + 2 048 × (4 × 32 × 4 096 + 32 000) × 2) / 2.68e12 = 35.60 ms of weights
    //   (2 048 tokens touch all 8 experts: 8 × (1 − 0.75^2048) = 8).
    // Attention: 2 048 000 × 524 288 / (989e12 × 0.5) = 2.171 ms of FLOPs against
    //   2 048 × 1 001 × 131 072 / 2.68e12 = 100.26 ms of KV.
    const gemmCompute = (2048 * 2 * activeMatmulParams) / (989e12 * 0.5);
    const gemmMemory = (denseReadBytes + routedBytes + 2048 * (4 * 32 * 4096 + 32_000) * 2) / memoryBandwidth;
    const attentionCompute = (2048 * 1000 * attentionFlopsPerPair) / (989e12 * 0.5);
    const attentionMemory = (2048 * 1001 * kvBytesPerToken) / memoryBandwidth;
    const step = decodeStepTime(onH100(perKernel), 2048, 1000);
    expect(step.stepSeconds).toBeCloseTo(gemmCompute + attentionMemory + 0.001, 9);
    expect(step.stepSeconds * 1e3).toBeCloseTo(206.86, 2); // 105.60 + 100.26 + 1 ms
    expect(step.attentionComputeSeconds).toBeCloseTo(attentionCompute, 12);
    expect(step.attentionMemorySeconds).toBeCloseTo(attentionMemory, 12);
    // The single max over the whole step: max(105.59 + 2.17, 35.60 + 100.26) + 1 = 136.86 ms.
    const single = decodeStepTime(onH100(ROUND_EFFICIENCY), 2048, 1000);
    expect(single.stepSeconds).toBeCloseTo(gemmMemory + attentionMemory + 0.001, 9);
    expect(single.attentionComputeSeconds).toBeUndefined();
  });

  it('where both groups are bound by the same limit the two forms agree (batch 1: all memory)', () => {
    const a = decodeStepTime(onH100(perKernel), 1, 1000).stepSeconds;
    const b = decodeStepTime(onH100(ROUND_EFFICIENCY), 1, 1000).stepSeconds;
    expect(a / b).toBeCloseTo(1, 12);
  });

  it('prefill sums chunk by chunk: a 20 000-token prompt is three chunks, each max(GEMM) + max(attention)', () => {
    const step = prefillStepTime(onH100(perKernel), 20_000);
    expect(step.attentionComputeSeconds).toBeGreaterThan(0);
    // Prefill is compute-bound in both groups, so the sum equals the single max here.
    expect(step.stepSeconds / prefillStepTime(onH100(ROUND_EFFICIENCY), 20_000).stepSeconds).toBeCloseTo(1, 9);
  });

  it('the DP-attention / EP pool takes the same flag: 64 sequences per GPU at 1 000 tokens on an H100 EP8 pool', () => {
    const pool = (efficiency: EfficiencyCoefficients) => mixtralEpPoolOnH100({ gpu: h100, model, efficiency });

    const a = expertParallelDecodeStep(pool(perKernel), 64, 1000);
    const b = expertParallelDecodeStep(pool(ROUND_EFFICIENCY), 64, 1000);
    // Decode at 64 tokens per GPU is memory-bound in both groups: the forms agree.
    expect(a.stepSeconds / b.stepSeconds).toBeCloseTo(1, 12);
    // 4 096 sequences per GPU: GEMMs 4 096 × 2 × 12 748 853 248 / (989e12 × 0.5) = 211.2 ms, compute-bound; KV
    // 4 096 × 1 001 × 131 072 / 2.68e12 = 200.5 ms, memory-bound. Single max ≈ 211.2 + 4.3 (attention FLOPs);
    // per-kernel ≈ 211.2 + 200.5: about 196 ms longer.
    expect(expertParallelDecodeStep(pool(perKernel), 4096, 1000).stepSeconds).toBeGreaterThan(
      expertParallelDecodeStep(pool(ROUND_EFFICIENCY), 4096, 1000).stepSeconds + 0.15,
    );
  });

  it('rejects a non-boolean perKernelRoofline', () => {
    expect(() => decodeStepTime(onH100({ ...ROUND_EFFICIENCY, perKernelRoofline: 1 as unknown as boolean }), 1, 1)).toThrow(/perKernelRoofline/);
  });
});
