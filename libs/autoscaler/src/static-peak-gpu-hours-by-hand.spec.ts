import { planAutoscaling } from './plan.js';
import { outputDemand, toyInput } from './testing/toy-capacity.js';

/*
 * 24 hourly intervals, decode only: 100 output tokens/s every hour but hour 21 at 350.
 * A replica decodes 100 tokens/s at SLO → peak load 3.5 replicas; at 70 % target utilisation
 * ceil(3.5 / 0.7) = 5 replicas all day × 4 GPUs = 20 GPUs × 24 h = 480 GPU-hours.
 * Cost: 2 reserved replicas (8 GPUs) at ¥15 all day = 8 × 24 × 15 = ¥2 880; the other 12 GPUs on
 * demand at ¥20: 12 × 24 × 20 = ¥5 760; total ¥8 640.
 */
describe('static peak provisioning of a day, by hand', () => {
  const hourly = Array.from({ length: 24 }, (_, h) => (h === 21 ? 350 : 100));
  const input = toyInput(outputDemand(3600, hourly, true), {
    bounds: { minReplicas: 1, maxReplicas: 1000, reservedReplicas: 2 },
    pricing: { ...toyInput(outputDemand(3600, hourly, true)).pricing, reservedGpus: 8 },
  });
  const [plan] = planAutoscaling(input, ['static-peak']);

  it('holds 5 replicas all day: 480 GPU-hours, ¥8 640, no saving against itself', () => {
    expect(plan!.steps).toEqual([{ atSeconds: 0, replicas: 5 }]);
    expect(plan!.intervals).toHaveLength(24);
    expect(plan!.gpuHours).toBeCloseTo(480, 9);
    expect(plan!.reservedGpuHours).toBeCloseTo(192, 9);
    expect(plan!.onDemandGpuHours).toBeCloseTo(288, 9);
    expect(plan!.costCny).toBeCloseTo(8640, 6);
    expect(plan!.savingVsStaticFraction).toBe(0);
  });

  it('HPA and predictive use fewer GPU-hours than static on the same day', () => {
    const [, hpa, predictive] = planAutoscaling(input, ['static-peak', 'hpa', 'predictive']);
    // Off-peak: ceil(1 / 0.7) = 2 replicas, but the 2-replica reserve is the floor anyway.
    expect(hpa!.gpuHours).toBeLessThan(480);
    expect(predictive!.gpuHours).toBeLessThan(480);
    expect(predictive!.savingVsStaticFraction).toBeGreaterThan(0);
  });
});
