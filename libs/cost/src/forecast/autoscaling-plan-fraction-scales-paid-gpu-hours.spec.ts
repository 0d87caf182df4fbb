import { runForecast } from './forecast.js';
import type { ForecastSpec } from './types.js';

/*
 * kimi-2024 INT8 on A100-80GB at a constant 10 000 DAU × 100 000 tokens, all on demand at
 * ¥14.81 per GPU-hour, no uncertainty: the peak hour needs P GPUs (a few TP-4 replicas). With an
 * autoscaling plan that uses a fraction f of static peak's GPU-hours, each day pays
 * ceil(P × 24 × f) GPU-hours instead of the sum of the hours' replicas.
 */
const spec = (extra: Partial<ForecastSpec> = {}): ForecastSpec => ({
  scenario: {
    model: 'kimi-2024',
    gpu: 'a100-80gb',
    quantization: { weights: 'int8-w8a16', kvCache: 'bf16' },
    pricing: { reservedGpus: 0, reservedCnyPerGpuHour: 9.87, onDemandCnyPerGpuHour: 14.81 },
  },
  months: 2,
  growth: { kind: 'linear', startDau: 10_000, dauPerMonth: 0 },
  tokensPerUser: { uncertaintySigma: 0 },
  uncertainty: { growthRateSigma: 0, gpuHourPriceSigma: 0, efficiencySigma: 0 },
  samples: 5,
  seed: 3,
  ...extra,
});

describe('supply from an autoscaling plan’s GPU-hours relative to static peak', () => {
  const hourly = runForecast(spec()).months[0]!;
  const peak = hourly.deterministic.gpusAtPeak;

  it('f = 1 pays the peak all day: P × 24 × 30 GPU-hours, never less than hour-by-hour replicas', () => {
    const m = runForecast(spec({ autoscaling: { gpuHoursFractionOfStaticPeak: 1 } })).months[0]!;
    expect(peak).toBeGreaterThan(0);
    expect(peak % 4).toBe(0);
    expect(m.deterministic.gpusAtPeak).toBe(peak);
    expect(m.deterministic.gpuHoursPerMonth).toBe(peak * 720);
    expect(m.deterministic.gpuHoursPerMonth).toBeGreaterThanOrEqual(hourly.deterministic.gpuHoursPerMonth);
  });

  it('f = 0.6 pays ceil(P × 14.4) GPU-hours a day on demand, to the cent, in the bands too', () => {
    const result = runForecast(spec({ autoscaling: { gpuHoursFractionOfStaticPeak: 0.6 } }));
    const m = result.months[1]!;
    // e.g. P = 8: ceil(115.2) = 116 h a day, × 30 = 3 480 h, × ¥14.81 = ¥51 538.80.
    const hoursPerDay = Math.ceil(peak * 24 * 0.6);
    expect(m.deterministic.gpuHoursPerMonth).toBe(hoursPerDay * 30);
    expect(m.deterministic.onDemandGpuHoursPerMonth).toBe(hoursPerDay * 30);
    expect(m.money.deterministic.gpuCost.amount).toBe((hoursPerDay * 30 * 1481 / 100).toFixed(2));
    expect(m.gpuHoursPerMonth.p50).toBe(hoursPerDay * 30);
    expect(m.costCnyPerMonth.p90).toBe(Math.round(hoursPerDay * 30 * 1481) / 100);
    expect(result.method.some((line) => line.startsWith('Supply: paid GPU-hours a day = ceil(peak GPUs × 24 × 0.6)'))).toBe(true);
  });

  it('reserved GPUs above the plan’s hours are paid all day and counted idle', () => {
    const m = runForecast(
      spec({ scenario: { ...spec().scenario, pricing: { reservedGpus: 2 * peak, reservedCnyPerGpuHour: 9.87, onDemandCnyPerGpuHour: 14.81 } }, autoscaling: { gpuHoursFractionOfStaticPeak: 0.5 } }),
    ).months[0]!;
    // Reserved 2P GPUs × 24 h = 48P h a day; the plan needs P × 12 h: no on-demand, 36P h idle a day.
    expect(m.deterministic.onDemandGpuHoursPerMonth).toBe(0);
    expect(m.deterministic.gpuHoursPerMonth).toBe(2 * peak * 24 * 30);
    expect(m.deterministic.idleReservedGpuHoursPerMonth).toBe(36 * peak * 30);
  });

  it.each([0, -0.1, 4.5, Number.NaN])('refuses a fraction of %p, naming the field', (f) => {
    expect(() => runForecast(spec({ autoscaling: { gpuHoursFractionOfStaticPeak: f } }))).toThrow(/^autoscaling\.gpuHoursFractionOfStaticPeak: /);
  });
});
