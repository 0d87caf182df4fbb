import { efficiencySigmaFromRelativeStepTimeSd } from './efficiency-uncertainty.js';
import { runForecast } from './forecast.js';
import type { ForecastSpec } from './types.js';

/*
 * kimi-2024 INT8 on A100-80GB at a constant 2 M DAU × 100 000 tokens: a fleet of well over a
 * thousand GPUs, so replica rounding moves a GPU count by a fraction of a percent. Every other
 * input is certain; only the efficiency multiplier varies, as a calibration profile's residuals say.
 */
const spec = (efficiencySigma: number): ForecastSpec => ({
  scenario: { model: 'kimi-2024', gpu: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' } },
  months: 1,
  growth: { kind: 'linear', startDau: 2_000_000, dauPerMonth: 0 },
  tokensPerUser: { uncertaintySigma: 0 },
  uncertainty: { growthRateSigma: 0, gpuHourPriceSigma: 0, efficiencySigma },
  samples: 20_000,
  seed: 11,
  sources: ['Efficiency uncertainty: test profile residuals.'],
});

describe('a calibration profile’s relative step-time spread in the Monte Carlo', () => {
  it('turns a relative step-time sd of 0.1 into a log-space σ of √ln 1.01 = 0.099751, and 0 into 0', () => {
    expect(efficiencySigmaFromRelativeStepTimeSd(0.1)).toBeCloseTo(0.099751, 6);
    expect(efficiencySigmaFromRelativeStepTimeSd(0)).toBe(0);
    expect(() => efficiencySigmaFromRelativeStepTimeSd(-0.1)).toThrow(/^relativeStepTimeStandardDeviation: /);
  });

  const sigma = efficiencySigmaFromRelativeStepTimeSd(0.1);
  const certain = runForecast(spec(0)).months[0]!;
  const spread = runForecast(spec(sigma)).months[0]!;

  it('with σ 0, P10 = P50 = P90 GPUs: the band has no width', () => {
    expect(certain.gpusAtPeak.p10).toBe(certain.gpusAtPeak.p90);
    expect(certain.gpusAtPeak.p50).toBe(certain.deterministic.gpusAtPeak);
    expect(certain.deterministic.gpusAtPeak).toBeGreaterThan(1000);
  });

  it('with the profile’s σ, P90 / P10 GPUs ≈ e^(2 × 1.28155 × 0.099751) = 1.2913 (within 1.5 %), centred on the deterministic fleet', () => {
    // GPUs ∝ 1/η with ln η ~ N(0, σ²): P90 / P10 of GPUs = e^(2 z₀.₉ σ), z₀.₉ = 1.28155.
    const ratio = spread.gpusAtPeak.p90 / spread.gpusAtPeak.p10;
    expect(ratio).toBeGreaterThan(1);
    expect(Math.abs(ratio / 1.2913 - 1)).toBeLessThan(0.015);
    expect(Math.abs(spread.gpusAtPeak.p50 / certain.deterministic.gpusAtPeak - 1)).toBeLessThan(0.01);
    expect(spread.costCnyPerMonth.p90 - spread.costCnyPerMonth.p10).toBeGreaterThan(certain.costCnyPerMonth.p90 - certain.costCnyPerMonth.p10);
  });

  it('says where the spread came from in method', () => {
    expect(runForecast({ ...spec(sigma), samples: 10 }).method).toContain('Efficiency uncertainty: test profile residuals.');
    expect(() => runForecast({ ...spec(sigma), sources: [3 as unknown as string] })).toThrow(/^sources: /);
  });
});
