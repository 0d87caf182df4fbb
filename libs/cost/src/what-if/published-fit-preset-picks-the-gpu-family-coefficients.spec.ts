import { evaluateWhatIf } from './evaluate-what-if.js';
import { resolveScenario } from './resolve-scenario.js';
import type { ScenarioSpec } from './types.js';

/**
 * `efficiencyPreset: 'published-fit'` gives a scenario the coefficients VALIDATION.md fits to the
 * published deployments of its GPU's family. The expected values are VALIDATION.md's
 * "Coefficients and their origin" table (2026-11-29), not read back from the code.
 */
const mixtral = (gpu: string, extra: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  model: 'mixtral-8x7b',
  gpu,
  quantization: { weights: 'bf16', kvCache: 'bf16' },
  ...extra,
});

describe('efficiencyPreset published-fit', () => {
  it('an H100 and an H20 get the Hopper fit: BF16 η 0.8, FP8 η 0.6, 1 ms per step, 25 µs per sequence, per-kernel roofline', () => {
    for (const gpu of ['h100-sxm', 'h20']) {
      const e = resolveScenario(mixtral(gpu, { efficiencyPreset: 'published-fit' })).deployment.efficiency;
      expect(e.computeEfficiencyFraction).toBe(0.8);
      expect(e.computeEfficiencyFractionByFormat?.fp8).toBe(0.6);
      expect(e.stepOverheadSeconds).toBe(0.001);
      expect(e.overheadSecondsPerSequence).toBe(25e-6);
      expect(e.perKernelRoofline).toBe(true);
      expect(e.memoryEfficiencyFraction).toBe(0.8); // not fitted: aiconfigurator's HBM scaling (K3)
      expect(e.provenance).toBe('calibrated');
    }
  });

  it('a B200 gets the Blackwell fit: NVFP4 η 0.1, 6 ms per step, 7.5 µs per sequence', () => {
    const e = resolveScenario(mixtral('b200', { efficiencyPreset: 'published-fit' })).deployment.efficiency;
    expect(e.computeEfficiencyFractionByFormat?.fp4).toBe(0.1);
    expect(e.stepOverheadSeconds).toBe(0.006);
    expect(e.overheadSecondsPerSequence).toBe(7.5e-6);
  });

  it("'default' and absent both keep DEFAULT_EFFICIENCY (2 ms per step, one max over the step)", () => {
    for (const preset of [undefined, 'default'] as const) {
      const e = resolveScenario(mixtral('h100-sxm', preset ? { efficiencyPreset: preset } : {})).deployment.efficiency;
      expect(e.provenance).toBe('default');
      expect(e.stepOverheadSeconds).toBe(0.002);
      expect(e.perKernelRoofline).toBeUndefined();
    }
  });

  it('reaches the evaluation: the what-if reports the Hopper fit and its decode step is priced per kernel (attention parts reported)', () => {
    const base = mixtral('h100-sxm', { workload: { dailyActiveUsers: 200_000 } });
    const byDefault = evaluateWhatIf(base);
    const fitted = evaluateWhatIf({ ...base, efficiencyPreset: 'published-fit' });
    expect(fitted.efficiency.calibrationProfileId).toBe('published-cases-fit-hopper');
    expect(fitted.throughput.decodeStep.attentionMemorySeconds).toBeGreaterThan(0);
    expect(byDefault.throughput.decodeStep.attentionMemorySeconds).toBeUndefined();
    // one max vs a sum of two maxes: with the same batch and context the sum can only be longer, and 25 µs × B more
    const { decodeStep: d } = fitted.throughput;
    const gemm = Math.max(d.computeSeconds - d.attentionComputeSeconds!, d.memorySeconds - d.attentionMemorySeconds!);
    const attention = Math.max(d.attentionComputeSeconds!, d.attentionMemorySeconds!);
    expect(d.stepSeconds).toBeCloseTo(gemm + attention + d.communicationSeconds + 0.001 + 25e-6 * fitted.throughput.decodeBatchSequences, 12);
  });

  it('refuses a custom GPU (no family to fit) and a scenario that also gives efficiency, naming efficiencyPreset', () => {
    const custom = { id: 'my-gpu', name: 'mine', hbmBytes: 80e9, hbmBandwidthBytesPerSecond: 2e12, peakOpsPerSecond: { bf16: 3e14 }, interconnectBytesPerSecond: 3e11, networkBytesPerSecond: 5e10, gpusPerNode: 8, onDemandCnyPerGpuHour: 20 };
    expect(() => resolveScenario({ ...mixtral('x'), gpu: custom as never, pricing: { onDemandCnyPerGpuHour: 20, reservedCnyPerGpuHour: 12 }, efficiencyPreset: 'published-fit' })).toThrow(/^efficiencyPreset: .*custom GPU/);
    expect(() => resolveScenario(mixtral('h100-sxm', { efficiencyPreset: 'published-fit', efficiency: { stepOverheadSeconds: 0.001 } }))).toThrow(/^efficiencyPreset: give either/);
    expect(() => resolveScenario(mixtral('h100-sxm', { efficiencyPreset: 'magic' as never }))).toThrow(/^efficiencyPreset: must be one of default, published-fit/);
  });
});
