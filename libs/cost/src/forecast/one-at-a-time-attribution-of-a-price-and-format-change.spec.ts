import { attributeDifference, changedInputPaths, withInputFrom } from './input-attribution.js';

const a = { modelId: 'kimi-2024', gpuId: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' }, pricing: { onDemandCnyPerGpuHour: 10 } };
const b = { modelId: 'kimi-2024', gpuId: 'a100-80gb', quantization: { weights: 'int4-w4a16', kvCache: 'bf16' }, pricing: { onDemandCnyPerGpuHour: 15, reservedGpus: 4 } };

describe('one-at-a-time attribution', () => {
  it('finds the changed inputs one level deep and applies one of B onto A', () => {
    expect(changedInputPaths(a, b)).toEqual(['pricing.onDemandCnyPerGpuHour', 'pricing.reservedGpus', 'quantization.weights']);
    expect(withInputFrom(a, b, 'quantization.weights')).toEqual({ ...a, quantization: { weights: 'int4-w4a16', kvCache: 'bf16' } });
    expect(withInputFrom(b, a, 'pricing.reservedGpus')).toEqual({ ...b, pricing: { onDemandCnyPerGpuHour: 15 } });
    expect(a.pricing.onDemandCnyPerGpuHour).toBe(10);
  });

  it('price alone explains all of ¥100 → ¥200: 100 %, interaction 0', () => {
    const r = attributeDifference(100, 200, [{ input: 'pricing.onDemandCnyPerGpuHour', costCnyPerMonth: 200 }]);
    expect(r.differenceCostCnyPerMonth).toBe(100);
    expect(r.attribution).toEqual([{ input: 'pricing.onDemandCnyPerGpuHour', deltaCostCnyPerMonth: 100, shareOfDifference: 1 }]);
    expect(r.interactionCostCnyPerMonth).toBe(0);
  });

  it('price × 1.5 and GPUs × 0.5 together: A ¥100.10, price alone ¥150.15 (+50.05), format alone ¥50.05 (−50.05), B ¥75.075 → interaction −25.025', () => {
    // B − A = 75.075 − 100.10 = −25.025; the single substitutions cancel (+50.05 − 50.05 = 0), so all of it is interaction.
    const r = attributeDifference(100.1, 75.075, [
      { input: 'pricing.onDemandCnyPerGpuHour', costCnyPerMonth: 150.15 },
      { input: 'quantization.weights', costCnyPerMonth: 50.05 },
    ]);
    expect(r.differenceCostCnyPerMonth).toBe(-25.025);
    expect(r.attribution.map((x) => x.deltaCostCnyPerMonth)).toEqual([50.05, -50.05]);
    expect(r.attribution.map((x) => x.shareOfDifference)).toEqual([-2, 2]);
    expect(r.interactionCostCnyPerMonth).toBe(-25.025);
    expect(r.interactionShareOfDifference).toBe(1);
  });

  it('a substitution that cannot be evaluated is reported with its reason and left to interaction', () => {
    const r = attributeDifference(100, 130, [
      { input: 'gpuId', costCnyPerMonth: null, reason: 'tensorParallelSize: does not fit' },
      { input: 'pricing.onDemandCnyPerGpuHour', costCnyPerMonth: 110 },
    ]);
    expect(r.attribution[1]).toEqual({ input: 'gpuId', deltaCostCnyPerMonth: null, shareOfDifference: null, reason: 'tensorParallelSize: does not fit' });
    expect(r.interactionCostCnyPerMonth).toBe(20);
  });
});
