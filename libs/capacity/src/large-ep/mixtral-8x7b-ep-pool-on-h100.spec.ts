import { GPU_CATALOG, KV_CACHE_FORMATS, MODEL_CATALOG, WEIGHT_FORMATS } from '../../../catalog/src/index.js';
import { weightBytesByComponent } from '../memory/weight-bytes.js';
import { mixtralEpPoolOnH100 } from '../testing/expert-pool-fixture.js';
import { expertParallelDecodeAtSlo } from './decode-at-slo.js';
import { expertParallelDecodeStep, expertParallelMemory, expertParallelPrefillStep } from './expert-parallel-step.js';

// Mixtral-8x7B: 32 MoE layers, hidden 4 096, 8 experts top-2, expert 3 × 4 096 × 14 336 = 176 160 768 params.
// ROUND_EFFICIENCY: η_compute 0.5, η_memory 0.8, η_interconnect 0.5, overhead 1 ms. H100: NVLink 450 GB/s, NIC 50 GB/s, 8 per node.
const model = MODEL_CATALOG['mixtral-8x7b'];
const PARAMS_PER_EXPERT = 3 * 4096 * 14336;
const pool = mixtralEpPoolOnH100;

describe('Mixtral-8x7B BF16, DP attention + EP8 on one H100 node', () => {
  it('memory: the dense part whole on every GPU, one expert per layer, KV unreplicated', () => {
    const m = expertParallelMemory(pool());
    const w = weightBytesByComponent(model, WEIGHT_FORMATS.bf16, WEIGHT_FORMATS.bf16);
    expect(m.weightsBytesPerGpu).toBe(w.totalBytes - w.routedExpertBytes + 32 * 1 * PARAMS_PER_EXPERT * 2);
    // 32 layers × (K + V) × 8 KV heads × 128 × 2 bytes = 131 072, no copy per rank under DP attention.
    expect(m.kvBytesPerToken).toBe(32 * 2 * 8 * 128 * 2);
    expect(m.kvCapacityTokensPerGpu).toBe(Math.floor((80e9 * 0.9 - m.weightsBytesPerGpu) / 131072));
  });

  it('decode all-to-all inside the node: 64 tokens × 2 × 7/8 copies × 4 096 × (1 + 2) B over NVLink, per MoE layer', () => {
    const step = expertParallelDecodeStep(pool(), 64, 1000);
    const perLayer = (64 * ((2 * 7) / 8) * 4096 * 3) / (450e9 * 0.5) + 2 * 10e-6; // 6.117e-6 + 2e-5 s
    expect(step.communicationSeconds).toBeCloseTo(32 * perLayer, 12); // 0.836 ms
    // Not overlapped: added to the roofline, plus 1 ms overhead.
    expect(step.stepSeconds).toBeCloseTo(Math.max(step.computeSeconds, step.memorySeconds) + 32 * perLayer + 0.001, 12);
    // 512 tokens in the pool leave no local expert untouched: (1 − 2/8)^512 ≈ 0.
    expect(step.distinctLocalExpertsPerLayer).toBeCloseTo(1, 9);
  });

  it('imbalance 2 doubles the busiest GPU\'s routed FLOPs: + 64 × 2 × 32 × 2 × 176 160 768 / (989 T × 0.5)', () => {
    const even = expertParallelDecodeStep(pool(), 64, 1000);
    const skewed = expertParallelDecodeStep(pool({ expertLoadImbalanceFactor: 2 }), 64, 1000);
    const routedSeconds = (64 * 2 * 32 * 2 * PARAMS_PER_EXPERT) / (989e12 * 0.5); // 2.918 ms
    expect(skewed.computeSeconds - even.computeSeconds).toBeCloseTo(routedSeconds, 12);
    expect(skewed.communicationSeconds - 32 * 2 * 10e-6).toBeCloseTo(2 * (even.communicationSeconds - 32 * 2 * 10e-6), 12);
  });

  it('two-batch overlap hides the all-to-all under the longer of compute and memory', () => {
    const step = expertParallelDecodeStep(pool({ overlapCommunication: true }), 64, 1000);
    const roof = Math.max(step.computeSeconds, step.memorySeconds);
    expect(step.stepSeconds).toBeCloseTo(Math.max(roof, step.communicationSeconds) + 0.001, 12);
  });

  it('EP16 over 2 nodes: prefill sends a token once per remote node, decode once per remote expert', () => {
    const spec = pool({ expertParallelSize: 16 });
    // Prefill, node-deduplicated: N (1 − (1 − 1/N)^k) (N − 1)/N = 2 × 0.75 × 0.5 = 0.75 remote copies per token.
    const prefill = expertParallelPrefillStep(spec, 1, 64);
    const prefillLayer = (64 * 0.75 * 4096 * 3) / (50e9 * 0.5) + 2 * 10e-6;
    expect(prefill.communicationSeconds).toBeCloseTo(32 * prefillLayer, 12);
    // Decode: k (G − n) / G = 2 × 8 / 16 = 1 remote copy per token.
    const decode = expertParallelDecodeStep(spec, 64, 1000);
    const decodeLayer = (64 * 1 * 4096 * 3) / (50e9 * 0.5) + 2 * 10e-6;
    expect(decode.communicationSeconds).toBeCloseTo(32 * decodeLayer, 12);
  });

  it('prefill attention stays within each prompt: 1 × 128 tokens has 128·129/2 − 2·64·65/2 = 4 096 more pairs than 2 × 64', () => {
    const one = expertParallelPrefillStep(pool(), 1, 128);
    const two = expertParallelPrefillStep(pool(), 2, 64);
    // Per pair over all layers: 32 layers × 32 heads × (2 × 128 QKᵀ + 2 × 128 AV) FLOPs, at BF16 989 T × 0.5.
    const extraSeconds = (4096 * 32 * 32 * 4 * 128) / (989e12 * 0.5); // 4.34 µs
    expect(one.computeSeconds - two.computeSeconds).toBeCloseTo(extraSeconds, 13);
    expect(one.tokensPerGpu).toBe(two.tokensPerGpu);
  });

  it('redundant experts add slots: EP8 with 8 redundant holds 2 per GPU per layer', () => {
    const plain = expertParallelMemory(pool());
    const redundant = expertParallelMemory(pool({ redundantExpertsPerLayer: 8 }));
    expect(redundant.weightsBytesPerGpu - plain.weightsBytesPerGpu).toBe(32 * PARAMS_PER_EXPERT * 2);
  });

  it('rejects an imbalance below 1 and a non-integer batch', () => {
    expect(() => expertParallelDecodeStep(pool({ expertLoadImbalanceFactor: 0.9 }), 64, 1000)).toThrow(
      /expertLoadImbalanceFactor/,
    );
    expect(() => expertParallelDecodeStep(pool(), 1.5, 1000)).toThrow(/sequencesPerGpu/);
  });
});

describe('Mixtral-8x7B EP8 decode held to a TPOT target', () => {
  it('takes the largest batch whose step meets the target: between the step at B and at B + 1', () => {
    const spec = pool();
    const target = expertParallelDecodeStep(spec, 100, 1000).stepSeconds; // exactly the step of batch 100
    const r = expertParallelDecodeAtSlo(spec, target, 1000, 1500, 1024);
    expect(r.sequencesPerGpu).toBe(100);
    expect(r.limitedBy).toBe('tpot-slo');
    expect(r.tokensPerSecondPerGpu).toBeCloseTo(100 / target, 9);
  });

  it('a generous target stops at the scheduler cap; a target below batch 1 gives 0', () => {
    const spec = pool();
    expect(expertParallelDecodeAtSlo(spec, 10, 1000, 1500, 64).sequencesPerGpu).toBe(64);
    expect(expertParallelDecodeAtSlo(spec, 10, 1000, 1500, 64).limitedBy).toBe('max-batch');
    expect(expertParallelDecodeAtSlo(spec, 1e-6, 1000, 1500, 64).sequencesPerGpu).toBe(0);
  });
});
