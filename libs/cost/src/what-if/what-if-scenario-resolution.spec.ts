import { DEFAULT_EFFICIENCY } from '../../../capacity/src/index.js';
import { findGpu, findModel } from '../../../catalog/src/index.js';
import { DEFAULT_WORKLOAD } from '../../../workload/src/index.js';
import { resolveScenario } from './resolve-scenario.js';
import type { ScenarioSpec } from './types.js';

const base: ScenarioSpec = { model: 'kimi-2024', gpu: 'a100-80gb', quantization: { weights: 'int4-w4a16', kvCache: 'bf16' } };

describe('what-if scenario resolution', () => {
  it('fills the documented defaults', () => {
    const resolved = resolveScenario(base);
    expect(resolved.slo).toEqual({ ttftSeconds: 2, tpotSeconds: 0.08 });
    expect(resolved.targetUtilizationFraction).toBe(0.7);
    expect(resolved.workload).toBe(DEFAULT_WORKLOAD);
    expect(resolved.deployment.usableHbmFraction).toBe(0.9);
    expect(resolved.deployment.reservedBytesPerGpu).toBe(2e9);
    expect(resolved.deployment.maxBatchSequences).toBe(256);
    expect(resolved.deployment.prefillChunkTokens).toBe(8192);
    expect(resolved.deployment.expertParallel).toBe(false);
    expect(resolved.deployment.expertWeightFormat.id).toBe('int4-w4a16');
    expect(resolved.deployment.efficiency).toBe(DEFAULT_EFFICIENCY);
    expect(resolved.pricing.reservedCnyPerGpuHour).toBe(findGpu('a100-80gb')!.priceCnyPerGpuHour);
    expect(resolved.tensorParallelSizeChosen).toBe(true);
  });

  it('lets explicit undefined fields (as DTOs carry them) keep the defaults', () => {
    const resolved = resolveScenario({
      ...base,
      deployment: { tensorParallelSize: undefined, targetUtilizationFraction: undefined },
      workload: { dailyActiveUsers: 5000, tokensPerUserPerDay: undefined },
      slo: { ttftSeconds: undefined, tpotSeconds: 0.05 },
    } as unknown as ScenarioSpec);
    expect(resolved.targetUtilizationFraction).toBe(0.7);
    expect(resolved.workload.tokensPerUserPerDay).toBe(100_000);
    expect(resolved.workload.dailyActiveUsers).toBe(5000);
    expect(resolved.slo).toEqual({ ttftSeconds: 2, tpotSeconds: 0.05 });
    expect(resolved.deployment.tensorParallelSize).toBe(2);
  });

  it('keeps an explicit tensor-parallel size even when the weights do not fit it', () => {
    const resolved = resolveScenario({ ...base, deployment: { tensorParallelSize: 1 } });
    expect(resolved.deployment.tensorParallelSize).toBe(1);
    expect(resolved.tensorParallelSizeChosen).toBe(false);
    expect(resolved.memory.fitsWeights).toBe(false);
  });

  it('widens the automatic choice until one mean request fits in the KV cache', () => {
    // INT4 at TP 2 leaves ≈ 61.4 GB = 312 490 tokens of KV: a 300 000-token request fits, a
    // 400 000-token one needs TP 4 (4 × 70 − 78.56 = 201.4 GB ≈ 1 024 000 tokens).
    // The catalog's kimi-2024 stops at 131 072 tokens; the same weights with a 1 M-token window
    // let the KV cache, not the window, decide.
    const longWindow = { ...findModel('kimi-2024')!, maxContextTokens: 1_048_576 };
    const sized = (meanPromptTokens: number) =>
      resolveScenario({ ...base, model: longWindow, workload: { requestSizes: { meanPromptTokens, promptTokensCv: 1, meanOutputTokens: 100, outputTokensCv: 1 } } });
    expect(sized(300_000).deployment.tensorParallelSize).toBe(2);
    expect(sized(400_000).deployment.tensorParallelSize).toBe(4);
  });

  it('notes hand-changed efficiency coefficients in their source', () => {
    const resolved = resolveScenario({ ...base, efficiency: { computeEfficiencyFraction: 0.5 } });
    expect(resolved.deployment.efficiency.computeEfficiencyFraction).toBe(0.5);
    expect(resolved.deployment.efficiency.memoryEfficiencyFraction).toBe(DEFAULT_EFFICIENCY.memoryEfficiencyFraction);
    expect(resolved.deployment.efficiency.source).toMatch(/Overridden in the scenario: computeEfficiencyFraction\.$/);
  });

  it.each<[string, ScenarioSpec, string]>([
    ['an unknown model', { ...base, model: 'x' }, 'model: unknown catalog id "x"'],
    [
      'a mean request longer than the context window',
      { ...base, workload: { requestSizes: { meanPromptTokens: 131_000, promptTokensCv: 1, meanOutputTokens: 100, outputTokensCv: 1 } } },
      // 131 000 + 100 = 131 100 > 131 072
      "workload.requestSizes.meanPromptTokens: a mean request of 131100 tokens (prompt + output) exceeds kimi-2024's 131072-token context window",
    ],
    ['an unknown GPU', { ...base, gpu: 'tpu-v5' }, 'gpu: unknown catalog id "tpu-v5"'],
    ['an unknown weight format', { ...base, quantization: { weights: 'int3' as never, kvCache: 'bf16' } }, 'quantization.weights: unknown weight format "int3"'],
    ['a missing weight format', { ...base, quantization: { kvCache: 'bf16' } as never }, 'quantization.weights: is required'],
    ['an unknown KV format', { ...base, quantization: { weights: 'bf16', kvCache: 'int2' as never } }, 'quantization.kvCache: unknown KV cache format "int2"'],
    ['a utilisation above 1', { ...base, deployment: { targetUtilizationFraction: 1.2 } }, 'deployment.targetUtilizationFraction: must be a fraction in (0, 1], got 1.2'],
    ['a negative TTFT', { ...base, slo: { ttftSeconds: -1 } }, 'slo.ttftSeconds: must be a finite number > 0, got -1'],
    ['zero DAU', { ...base, workload: { dailyActiveUsers: 0 } }, 'workload.dailyActiveUsers: must be a finite number > 0, got 0'],
    ['a negative list price', { ...base, pricing: { listPriceCnyPerMillionInputTokens: -4 } }, 'pricing.listPriceCnyPerMillionInputTokens: must be a finite number ≥ 0, got -4'],
  ])('rejects %s with a RangeError naming the field', (_, spec, message) => {
    expect(() => resolveScenario(spec)).toThrow(new RangeError(message));
  });
});
