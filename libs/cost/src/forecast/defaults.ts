import type { TokensPerUserSpec, UncertaintySpec } from './types.js';

/**
 * Tokens per user: mean 100 000 a day (the source report), σ 0.3 in log space for our uncertainty
 * about the population mean (P10–P90 ≈ 0.66–1.41 × the median), no growth unless given.
 * Per-user spread (a few heavy users) averages out over a million users; what stays uncertain is
 * the mean itself, hence a lognormal over the mean.
 */
export const DEFAULT_TOKENS_PER_USER: TokensPerUserSpec = Object.freeze({
  meanTokensPerUserPerDay: 100_000,
  uncertaintySigma: 0.3,
  monthlyGrowthFraction: 0,
});

/**
 * Uncertainty multipliers (log-space σ, median 1): growth rate ±25 % (one σ), GPU-hour price ±10 %
 * (spot/committed spread of 2024–2025 GPU clouds), efficiency ±10 % (the spread of fitted η across
 * engines and versions before a calibration profile narrows it).
 */
export const DEFAULT_UNCERTAINTY: UncertaintySpec = Object.freeze({
  growthRateSigma: 0.25,
  gpuHourPriceSigma: 0.1,
  efficiencySigma: 0.1,
});

/** Most Monte Carlo samples one forecast may ask for in the library (the API sets its own, lower, caps). */
export const MAX_FORECAST_SAMPLES = 1_000_000;
export const MAX_FORECAST_MONTHS = 60;
