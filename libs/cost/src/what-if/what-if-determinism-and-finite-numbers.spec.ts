import { evaluateWhatIf } from './evaluate-what-if.js';
import type { ScenarioSpec } from './types.js';

/** Every number reachable from `value`, with its path, that is NaN or ±Infinity. */
function nonFinite(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => nonFinite(child, `${path}.${key}`));
}

const served: ScenarioSpec = {
  model: 'kimi-2024',
  gpu: 'a100-80gb',
  quantization: { weights: 'int8-w8a16', kvCache: 'bf16' },
  workload: { dailyActiveUsers: 250_000 },
};

describe('what-if evaluations are deterministic and finite', () => {
  it('gives byte-identical JSON for the same scenario twice', () => {
    expect(JSON.stringify(evaluateWhatIf(served))).toBe(JSON.stringify(evaluateWhatIf(served)));
  });

  it.each<[string, ScenarioSpec]>([
    ['a served scenario', served],
    ['weights that do not fit TP 1 (BF16 on one A100)', { ...served, quantization: { weights: 'bf16', kvCache: 'bf16' }, deployment: { tensorParallelSize: 1 } }],
    ['a TPOT target no batch meets', { ...served, slo: { tpotSeconds: 0.001 } }],
    ['a TTFT target no prefill meets', { ...served, slo: { ttftSeconds: 0.01 } }],
    ['reserved GPUs above the need', { ...served, pricing: { reservedGpus: 10_000 } }],
    ['a DeepSeek-V3 custom-sized deployment on H200', { model: 'deepseek-v3', gpu: 'h200', quantization: { weights: 'fp8', kvCache: 'bf16' } }],
  ])('has no NaN or Infinity for %s', (_, spec) => {
    const evaluation = evaluateWhatIf(spec);
    expect(nonFinite(evaluation)).toEqual([]);
    expect(evaluation.hourly).toHaveLength(24);
  });

  it('returns an unservable scenario with zero GPUs, a null margin and a reason, instead of throwing', () => {
    const tooSmall = evaluateWhatIf({ ...served, quantization: { weights: 'bf16', kvCache: 'bf16' }, deployment: { tensorParallelSize: 1 } });
    expect(tooSmall.bindingLimit).toBe('memory');
    expect(tooSmall.throughput.sloFeasible).toBe(false);
    expect(tooSmall.atPeak.gpus).toBe(0);
    expect(tooSmall.cost.costCnyPerDay).toBe(0);
    expect(tooSmall.cost.marginFraction).toBeNull();
    expect(tooSmall.bindingLimitExplanation).toContain('at least 5 GPUs per replica');
    expect(tooSmall.warnings.length).toBeGreaterThan(0);

    const tooFast = evaluateWhatIf({ ...served, slo: { tpotSeconds: 0.001 } });
    expect(tooFast.bindingLimit).toBe('slo');
    expect(tooFast.bindingLimitExplanation).toContain('over the 0.001 s TPOT target');
    expect(tooFast.hourly.every((h) => h.gpus === 0)).toBe(true);
  });

  it('still charges reserved GPUs when nothing can be served', () => {
    const spec: ScenarioSpec = { ...served, slo: { ttftSeconds: 0.01 }, pricing: { reservedGpus: 8, reservedCnyPerGpuHour: 10 } };
    const evaluation = evaluateWhatIf(spec);
    expect(evaluation.bindingLimit).toBe('slo');
    expect(evaluation.cost.costCnyPerDay).toBe(8 * 24 * 10);
  });
});
