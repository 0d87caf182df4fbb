import type { WeightFormatId } from '../../../catalog/src/index.js';
import { evaluateWhatIf } from './evaluate-what-if.js';
import { formatWhatIfComparisonTable } from './format-comparison-table.js';
import type { WhatIfEvaluation } from './types.js';

/*
 * The source report's question: 1 M DAU × 100 k tokens per user per day on the 2024 Kimi model
 * (≈ 151 B parameters) on A100-80GB, unquantized vs INT8 vs INT4. Defaults everywhere else:
 * usable HBM 0.9 × 80 GB − 2 GB reserve = 70 GB per GPU; Mooncake request shape (15 325 prompt +
 * 149 output tokens, 50 % prefix-cache hits); SLO 2 s TTFT / 80 ms TPOT; 70 % target utilisation.
 *
 * Hand arithmetic (catalog kimi-2024: 48 layers, hidden 6144, 16 experts of width 10 240, GQA 8 KV
 * heads × 128, vocab 163 840):
 *   params = 48 × (88 080 384 attention + 3 019 898 880 experts + 98 304 router + 12 288 norms)
 *            + 2 × 163 840 × 6144 embedding and LM head + 6144 final norm = 151 201 585 152,
 *            of which 5 314 560 are norms and router (kept at 2 bytes in every format).
 *   BF16 weights  = 151 201 585 152 × 2                                   ≈ 302.40 GB → 302.40 / 70 = 4.32 → 5 GPUs
 *   INT8 weights  = 151 196 270 592 × (1 + 4/4096) + 5 314 560 × 2        ≈ 151.35 GB → 2.16 → 3 GPUs (2 × 70 = 140 GB is not enough)
 *   INT4 weights  = 151 196 270 592 × (0.5 + 2/128 + 0.5/128) + 5 314 560 × 2 ≈ 78.56 GB → 1.12 → 2 GPUs
 *   Tensor parallel = next power of two: 8, 4, 2.
 *   KV bytes per token = 48 layers × 2 (K, V) × 8 heads × 128 × 2 bytes = 196 608.
 *   KV tokens = (TP × 70 GB − weights) / 196 608; sequences = floor(KV tokens / 15 474).
 */
const KV_BYTES_PER_TOKEN = 48 * 2 * 8 * 128 * 2;
const NON_NORM_PARAMS = 151_196_270_592;
const NORM_BYTES = 5_314_560 * 2;
const cases: readonly { label: string; weights: WeightFormatId; bytesPerParam: number; minGpus: number; tp: number }[] = [
  { label: 'BF16', weights: 'bf16', bytesPerParam: 2, minGpus: 5, tp: 8 },
  { label: 'INT8 W8A16', weights: 'int8-w8a16', bytesPerParam: 1 + 4 / 4096, minGpus: 3, tp: 4 },
  { label: 'INT4 W4A16', weights: 'int4-w4a16', bytesPerParam: 0.5 + 2 / 128 + 0.5 / 128, minGpus: 2, tp: 2 },
];

function evaluate(weights: WeightFormatId): WhatIfEvaluation {
  return evaluateWhatIf({
    model: 'kimi-2024',
    gpu: 'a100-80gb',
    quantization: { weights, kvCache: 'bf16' },
    workload: { dailyActiveUsers: 1_000_000, tokensPerUserPerDay: 100_000 },
  });
}

describe('source report: kimi-2024 on A100-80GB for 1 M DAU, BF16 vs INT8 vs INT4', () => {
  const byLabel = new Map(cases.map((c) => [c.label, evaluate(c.weights)]));
  const bf16 = byLabel.get('BF16')!;
  const int8 = byLabel.get('INT8 W8A16')!;
  const int4 = byLabel.get('INT4 W4A16')!;

  it.each(cases)('$label: weights need $minGpus GPUs, replica of $tp', ({ label, bytesPerParam, minGpus, tp }) => {
    const e = byLabel.get(label)!;
    const weightBytes = NON_NORM_PARAMS * bytesPerParam + NORM_BYTES;
    expect(e.memory.weights.totalBytes / weightBytes).toBeCloseTo(1, 9);
    expect(e.minimumGpusForWeights).toBe(minGpus);
    expect(e.minimumGpusForWeights).toBe(Math.ceil(weightBytes / 70e9));
    expect(e.tensorParallelSize).toBe(tp);
    const kvTokens = Math.floor((tp * 70e9 - weightBytes) / KV_BYTES_PER_TOKEN);
    // ±1 token: the hand value and the code round the same real number down.
    expect(Math.abs(e.memory.kvCapacityTokens - kvTokens)).toBeLessThanOrEqual(1);
    expect(e.throughput.decodeBatchSequences).toBe(Math.floor(kvTokens / (15_325 + 149)));
    expect(e.throughput.decodeBatchLimitedBy).toBe('kv-memory');
    expect(e.throughput.sloFeasible).toBe(true);
  });

  it('needs at least 4 GPUs for BF16 weights and more than 2 for INT8', () => {
    expect(bf16.minimumGpusForWeights).toBeGreaterThanOrEqual(4);
    expect(2 * 70e9).toBeLessThan(int8.memory.weights.totalBytes);
    expect(int8.minimumGpusForWeights).toBe(3);
  });

  it('orders GPUs at peak and cost per user BF16 ≥ INT8 ≥ INT4', () => {
    expect(bf16.atPeak.gpus).toBeGreaterThanOrEqual(int8.atPeak.gpus);
    expect(int8.atPeak.gpus).toBeGreaterThanOrEqual(int4.atPeak.gpus);
    expect(bf16.cost.costCnyPerDauPerMonth).toBeGreaterThanOrEqual(int8.cost.costCnyPerDauPerMonth);
    expect(int8.cost.costCnyPerDauPerMonth).toBeGreaterThanOrEqual(int4.cost.costCnyPerDauPerMonth);
  });

  it('needs at least the GPUs that the prefill matmuls alone keep busy at peak', () => {
    // Peak prefill tokens/s = 1e11 × (1.5 / 20.96) / 3600 × (15 325 / 15 474) × 0.5 ≈ 984 200;
    // ≥ 2 × 24.4 B active params FLOPs per token at 312 TFLOP/s × 0.6 per GPU, 70 % busy:
    const peakPrefillTokensPerSecond = ((1e11 * (1.5 / 20.96)) / 3600) * (15_325 / 15_474) * 0.5;
    const lowerBound = (peakPrefillTokensPerSecond * 2 * 24.4e9) / (312e12 * 0.6) / 0.7;
    expect(bf16.demand.peak.prefillTokensPerSecond).toBeCloseTo(peakPrefillTokensPerSecond, 3);
    for (const e of [bf16, int8, int4]) expect(e.atPeak.gpus).toBeGreaterThan(lowerBound);
  });

  it('is set by compute-bound prefill, since 99 % of the tokens are long prompts', () => {
    for (const e of [bf16, int8, int4]) {
      expect(e.atPeak.prefillBusyFraction).toBeGreaterThan(e.atPeak.decodeBusyFraction);
      expect(e.bindingLimit).toBe('compute');
      expect(e.bindingLimitExplanation).toMatch(/^Prefill sets the replica count/);
    }
  });

  it('gets more from INT8 tensor cores (W8A8) than from weight-only INT8, since prefill is compute-bound', () => {
    const w8a8 = evaluate('int8-w8a8');
    expect(w8a8.tensorParallelSize).toBe(4);
    expect(w8a8.throughput.prefillTokensPerSecond).toBeGreaterThan(int8.throughput.prefillTokensPerSecond);
    expect(w8a8.atPeak.gpus).toBeLessThan(int8.atPeak.gpus);
  });

  it('sizes the peak hour about 1.72 × the mean hour, and earns list-price revenue of ¥411 555 a day', () => {
    for (const e of [bf16, int8, int4]) {
      // Whole replicas at both ends: within 5 % of the profile's 1.5 / (20.96 / 24) = 1.718.
      expect(e.atPeak.gpus / e.atMean.gpus).toBeGreaterThan(1.718 * 0.95);
      expect(e.atPeak.gpus / e.atMean.gpus).toBeLessThan(1.718 * 1.05);
      expect(Math.max(...e.hourly.map((h) => h.gpus))).toBe(e.atPeak.gpus);
      // 1e11 × 15 325 / 15 474 / 1e6 × ¥4 + 1e11 × 149 / 15 474 / 1e6 × ¥16 = 396 148 + 15 407
      expect(e.cost.revenueCnyPerDay).toBeCloseTo((1e5 * 15_325 * 4) / 15_474 + (1e5 * 149 * 16) / 15_474, 3);
    }
  });

  it('prices the hourly plan at the on-demand rate 1.5 × ¥12.96 with no reserved GPUs', () => {
    const gpuHours = bf16.hourly.reduce((sum, h) => sum + h.gpus, 0);
    expect(bf16.cost.gpuHoursPerDay).toBe(gpuHours);
    expect(bf16.cost.costCnyPerDay).toBeCloseTo(gpuHours * 12.96 * 1.5, 6);
    expect(bf16.cost.costCnyPerDauPerMonth).toBeCloseTo((gpuHours * 12.96 * 1.5 * 30) / 1e6, 9);
  });

  it('formats the comparison as a Markdown table, one row per format', () => {
    const table = formatWhatIfComparisonTable(cases.map((c) => ({ label: c.label, evaluation: byLabel.get(c.label)! })));
    const lines = table.split('\n');
    expect(lines).toHaveLength(2 + cases.length);
    expect(lines[0]).toMatch(/^\| scenario \| GPUs \/ replica/);
    expect(lines[2]).toMatch(/^\| BF16 \| 8 \(5\) \| /);
    expect(lines[4]).toMatch(/^\| INT4 W4A16 \| 2 \(2\) \| /);
    expect(lines[2]).toContain(`| ${bf16.throughput.decodeBatchSequences} (kv-memory) |`);
  });
});
