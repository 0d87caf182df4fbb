import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { expertParallelDecodeStep, expertParallelPrefillStep } from '../large-ep/expert-parallel-step.js';
import { mixtralEpPoolOnH100 } from '../testing/expert-pool-fixture.js';
import type { ExpertParallelPoolSpec } from '../large-ep/types.js';
import { decodeStepTime } from '../roofline/decode-step.js';
import { gemmTime } from '../roofline/gemm-time.js';
import { prefillStepTime } from '../roofline/prefill-step.js';
import { maxLoadThroughput } from '../slo/max-load-throughput.js';
import { replicaThroughput } from '../slo/replica-throughput.js';
import { deploymentFixture, ROUND_EFFICIENCY } from '../testing/deployment-fixture.js';
import type { EfficiencyCoefficients } from '../types.js';
import { validateEfficiency } from './defaults.js';

// The optional coefficients of EfficiencyCoefficients (per-sequence host overhead, attention η,
// per-format η), on Mixtral-8x7B (config.json numbers, as in roofline/mixtral-8x7b-bf16-decode-on-h100.spec.ts).
const model = MODEL_CATALOG['mixtral-8x7b'];
const embedding = 32_000 * 4096;
const attention = 32 * (4096 * 4096 * 2 + 2 * 4096 * 1024);
const paramsPerExpert = 3 * 4096 * 14_336;
const router = 32 * 4096 * 8;
const norms = 2 * 4096 * 32 + 4096;
const kvBytesPerToken = 32 * 2 * 8 * 128 * 2; // 131 072
const attentionFlopsPerPair = 32 * 32 * 4 * 128; // 524 288
const activeMatmulParams = attention + router + norms + embedding /* LM head */ + 32 * 2 * paramsPerExpert;
// Batch 1 at 1 000 tokens of context reads these bytes (the H100 decode spec works them out): 25 630 022 144.
const BATCH_1_BYTES = 25_630_022_144;

const h100 = GPU_CATALOG['h100-sxm'];
const withCoefficients = (extra: Partial<EfficiencyCoefficients>): EfficiencyCoefficients => ({ ...ROUND_EFFICIENCY, ...extra });
const onH100 = (efficiency: EfficiencyCoefficients, weightFormat: 'bf16' | 'fp8' = 'bf16') =>
  deploymentFixture({ gpu: h100, model, weightFormat, efficiency });

describe('absent optional coefficients leave every step exactly as before', () => {
  it('coefficients equal to their fallbacks give the same step, to the last bit', () => {
    const same = withCoefficients({
      computeEfficiencyFractionByFormat: { bf16: 0.5 },
      attentionComputeEfficiencyFraction: 0.5,
      attentionMemoryEfficiencyFraction: 0.8,
      overheadSecondsPerSequence: 0,
    });
    expect(decodeStepTime(onH100(same), 64, 1000)).toEqual(decodeStepTime(onH100(ROUND_EFFICIENCY), 64, 1000));
    expect(prefillStepTime(onH100(same), 20_000)).toEqual(prefillStepTime(onH100(ROUND_EFFICIENCY), 20_000));
  });
});

describe('host overhead per sequence (Mixtral-8x7B BF16, one H100, η 0.5 / 0.8, 1 ms per step)', () => {
  const perSequence = withCoefficients({ overheadSecondsPerSequence: 10e-6 });

  it('a decode step of 64 sequences pays 1 ms + 64 × 10 µs = 1.64 ms of host time on top of the roofline', () => {
    const base = decodeStepTime(onH100(ROUND_EFFICIENCY), 64, 1000);
    const step = decodeStepTime(onH100(perSequence), 64, 1000);
    expect(step.overheadSeconds).toBeCloseTo(0.001 + 64 * 10e-6, 15);
    expect(step.stepSeconds - base.stepSeconds).toBeCloseTo(64 * 10e-6, 12); // 0.64 ms
    expect(step.memorySeconds).toBe(base.memorySeconds);
  });

  it('a prompt of 20 000 tokens runs as 3 chunks of one sequence each: 3 × 10 µs more', () => {
    const base = prefillStepTime(onH100(ROUND_EFFICIENCY), 20_000);
    const step = prefillStepTime(onH100(perSequence), 20_000);
    expect(step.stepSeconds - base.stepSeconds).toBeCloseTo(3 * 10e-6, 12);
  });
});

describe('host overhead per sequence flows through replica and max-load throughput (Mixtral-8x7B FP8, one H100)', () => {
  // FP8 weights (46.7 GB) fit in 0.9 × 80 GB. 500-token prompts pack floor(8 192 / 500) = 16 to a chunk.
  const shape = { meanPromptTokens: 500, meanOutputTokens: 500, prefixCacheHitFraction: 0 };
  const NO_SLO = { ttftSeconds: Number.MAX_VALUE, tpotSeconds: Number.MAX_VALUE };
  const base = replicaThroughput(onH100(ROUND_EFFICIENCY, 'fp8'), NO_SLO, shape);
  const slowed = replicaThroughput(onH100(withCoefficients({ overheadSecondsPerSequence: 20e-6 }), 'fp8'), NO_SLO, shape);

  it('decode at the same batch B: B / (step + B × 20 µs)', () => {
    const b = base.decodeBatchSequences; // no SLO: set by KV or the 256 cap, not by the overhead
    expect(slowed.decodeBatchSequences).toBe(b);
    expect(slowed.decodeTokensPerSecond).toBeCloseTo(b / (base.decodeStep.stepSeconds + b * 20e-6), 6);
  });

  it('prefill: 16 prompts × 500 tokens per chunk, + 16 × 20 µs per chunk', () => {
    expect(slowed.prefillTokensPerSecond).toBeCloseTo((16 * 500) / (base.prefillStep.stepSeconds + 16 * 20e-6), 6);
  });

  it('max load: 500 output tokens per (500 / prefill rate + 500 / decode rate) seconds, both slowed', () => {
    const b = base.decodeBatchSequences;
    const prefillRate = (16 * 500) / (base.prefillStep.stepSeconds + 16 * 20e-6);
    const decodeRate = b / (base.decodeStep.stepSeconds + b * 20e-6);
    const m = maxLoadThroughput(onH100(withCoefficients({ overheadSecondsPerSequence: 20e-6 }), 'fp8'), shape);
    expect(m.outputTokensPerSecond).toBeCloseTo(500 / (500 / prefillRate + 500 / decodeRate), 6);
    expect(m.outputTokensPerSecond).toBeLessThan(maxLoadThroughput(onH100(ROUND_EFFICIENCY, 'fp8'), shape).outputTokensPerSecond);
  });
});

describe('attention efficiency apart from the GEMMs (Mixtral-8x7B BF16, one H100, batch 1, 1 000 tokens of context)', () => {
  it('KV read at η_attention-memory 0.4: other bytes / (3.35 TB/s × 0.8) + KV bytes / (3.35 TB/s × 0.4)', () => {
    const kvBytes = 1001 * kvBytesPerToken; // 131 203 072: read 1 000, write 1
    const step = decodeStepTime(onH100(withCoefficients({ attentionMemoryEfficiencyFraction: 0.4 })), 1, 1000);
    // 25 498 819 072 / 2.68e12 = 9.5145 ms; 131 203 072 / 1.34e12 = 0.0979 ms
    expect(step.memorySeconds).toBeCloseTo((BATCH_1_BYTES - kvBytes) / (3.35e12 * 0.8) + kvBytes / (3.35e12 * 0.4), 9);
    expect(step.bytesMoved).toBeCloseTo(BATCH_1_BYTES, -1);
  });

  it('attention FLOPs at η_attention-compute 0.25, weight GEMMs still at η_compute 0.5', () => {
    const step = decodeStepTime(onH100(withCoefficients({ attentionComputeEfficiencyFraction: 0.25 })), 1, 1000);
    // 2 × 12 748 853 248 / (989e12 × 0.5) = 51.56 µs; 1 000 × 524 288 / (989e12 × 0.25) = 2.12 µs
    expect(step.computeSeconds).toBeCloseTo((2 * activeMatmulParams) / (989e12 * 0.5) + (1000 * attentionFlopsPerPair) / (989e12 * 0.25), 12);
  });
});

describe('η_compute per compute format', () => {
  it('Mixtral FP8 on H100 with FP8 GEMMs at 0.25: matmuls at 1 979 T × 0.25, attention still BF16 at 989 T × 0.5', () => {
    const fp8 = withCoefficients({ computeEfficiencyFractionByFormat: { fp8: 0.25 } });
    const step = decodeStepTime(onH100(fp8, 'fp8'), 1, 1000);
    expect(step.computeSeconds).toBeCloseTo((2 * activeMatmulParams) / (1979e12 * 0.25) + (1000 * attentionFlopsPerPair) / (989e12 * 0.5), 12);
  });

  it('Llama-2-70B gate+up GEMM on an A100 with BF16 at 0.8: 2 × 4 096 × 14 336 × 8 192 / (312 T × 0.8) = 3.854 ms (PUBLISHED.md K2: 3.835 ms)', () => {
    const shape = { m: 4096, n: 14336, k: 8192, weightBytesPerParam: 2, activationBytesPerElement: 2, computeFormat: 'bf16' as const };
    const t = gemmTime(GPU_CATALOG['a100-80gb'], shape, withCoefficients({ computeEfficiencyFractionByFormat: { bf16: 0.8 } }));
    expect(t.computeSeconds).toBeCloseTo((2 * 4096 * 14336 * 8192) / (312e12 * 0.8), 12);
    expect(t.seconds * 1e3).toBeCloseTo(3.854, 3);
  });
});

describe('the same coefficients in a DP-attention / EP8 pool (Mixtral-8x7B BF16 on one H100 node)', () => {
  const pool = (efficiency: EfficiencyCoefficients): ExpertParallelPoolSpec => mixtralEpPoolOnH100({ gpu: h100, model, efficiency });


  it('decode: 64 sequences per GPU add 64 × 10 µs; prefill of 2 prompts per GPU adds 2 × 10 µs', () => {
    const perSequence = pool(withCoefficients({ overheadSecondsPerSequence: 10e-6 }));
    const plain = pool(ROUND_EFFICIENCY);
    expect(expertParallelDecodeStep(perSequence, 64, 1000).stepSeconds - expertParallelDecodeStep(plain, 64, 1000).stepSeconds).toBeCloseTo(64e-5, 12);
    expect(expertParallelPrefillStep(perSequence, 2, 512).overheadSeconds).toBeCloseTo(0.001 + 2e-5, 15);
  });

  it('KV at η_attention-memory 0.4: the 64 × 1 001 tokens of KV cost twice as long as at 0.8', () => {
    const kvSeconds = (64 * 1001 * kvBytesPerToken) / (3.35e12 * 0.8); // 3.207 ms at η_memory
    const slow = expertParallelDecodeStep(pool(withCoefficients({ attentionMemoryEfficiencyFraction: 0.4 })), 64, 1000);
    const plain = expertParallelDecodeStep(pool(ROUND_EFFICIENCY), 64, 1000);
    expect(slow.memorySeconds - plain.memorySeconds).toBeCloseTo(kvSeconds, 9);
  });
});

describe('validation of the optional coefficients', () => {
  it('rejects a negative per-sequence overhead and fractions outside (0, 1]', () => {
    expect(() => validateEfficiency(withCoefficients({ overheadSecondsPerSequence: -1e-6 }))).toThrow(/overheadSecondsPerSequence/);
    expect(() => validateEfficiency(withCoefficients({ attentionMemoryEfficiencyFraction: 0 }))).toThrow(/attentionMemoryEfficiencyFraction/);
    expect(() => validateEfficiency(withCoefficients({ attentionComputeEfficiencyFraction: 1.5 }))).toThrow(/attentionComputeEfficiencyFraction/);
    expect(() => validateEfficiency(withCoefficients({ computeEfficiencyFractionByFormat: { fp8: 1.5 } }))).toThrow(
      /computeEfficiencyFractionByFormat\.fp8/,
    );
    expect(() => decodeStepTime(onH100(withCoefficients({ overheadSecondsPerSequence: Number.NaN })), 1, 1)).toThrow(RangeError);
  });
});
