import type { DemandProfile, HourlyDemand, WorkloadSpec } from './types.js';
import { HOURS_PER_DAY, validateDiurnalProfile, validateWorkload } from './validate-workload.js';

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;

/**
 * Peak hour's weight over the mean weight of a 24-hour profile (1 for a flat profile).
 * @throws RangeError when the profile is not 24 finite non-negative weights with one positive.
 * @example peakToMeanRatio([2, ...Array(23).fill(1)]) // 2 / (25 / 24) = 1.92
 */
export function peakToMeanRatio(profile: readonly number[]): number {
  validateDiurnalProfile(profile, 'profile');
  let sum = 0;
  let max = 0;
  for (const weight of profile) {
    sum += weight;
    if (weight > max) max = weight;
  }
  return (max * HOURS_PER_DAY) / sum;
}

function hourlyDemand(
  hour: number,
  requestsPerSecond: number,
  tokensPerSecond: number,
  inputTokenFraction: number,
  prefixCacheHitFraction: number,
): HourlyDemand {
  const inputTokensPerSecond = tokensPerSecond * inputTokenFraction;
  return {
    hour,
    requestsPerSecond,
    inputTokensPerSecond,
    prefillTokensPerSecond: inputTokensPerSecond * (1 - prefixCacheHitFraction),
    outputTokensPerSecond: tokensPerSecond - inputTokensPerSecond,
  };
}

/**
 * Demand a workload puts on the fleet, for the day and for each hour.
 *
 * tokensPerDay = DAU × tokensPerUserPerDay; the input / output split and the request count follow
 * from the mean request shape (input fraction = meanPrompt / (meanPrompt + meanOutput), requests =
 * tokens / (meanPrompt + meanOutput)); hour h carries the day's total × weight(h) / Σ weights,
 * spread evenly over its 3 600 s. Prefill tokens are the input tokens the prefix cache misses.
 *
 * `mean` is the day's average rate and belongs to no hour: its `hour` is −1. `peak` is the
 * busiest hour (the earliest, on ties).
 *
 * @throws RangeError naming the field, e.g. 'workload.dailyActiveUsers: must be a finite number > 0, got 0'.
 * @example DAU 1 000 000 × 100 000 tokens = 1e11 tokens/day → meanTokensPerSecond = 1e11 / 86 400 ≈ 1.157e6
 */
export function demandProfile(workload: WorkloadSpec): DemandProfile {
  validateWorkload(workload);
  return demandProfileOfValidatedWorkload(workload);
}

/**
 * demandProfile without the input checks, for callers that have just run validateWorkload on
 * the same object (the what-if composer evaluates hundreds of thousands of scenarios a second).
 */
export function demandProfileOfValidatedWorkload(workload: WorkloadSpec): DemandProfile {
  const { dailyActiveUsers, tokensPerUserPerDay, prefixCacheHitFraction, diurnalProfile, requestSizes } = workload;
  const tokensPerRequest = requestSizes.meanPromptTokens + requestSizes.meanOutputTokens;
  const inputTokenFraction = requestSizes.meanPromptTokens / tokensPerRequest;
  const tokensPerDay = dailyActiveUsers * tokensPerUserPerDay;
  const inputTokensPerDay = tokensPerDay * inputTokenFraction;
  const requestsPerDay = tokensPerDay / tokensPerRequest;

  let weightSum = 0;
  let peakHour = 0;
  for (let hour = 0; hour < HOURS_PER_DAY; hour++) {
    const weight = diurnalProfile[hour]!;
    weightSum += weight;
    if (weight > diurnalProfile[peakHour]!) peakHour = hour;
  }

  const hourly: HourlyDemand[] = [];
  for (let hour = 0; hour < HOURS_PER_DAY; hour++) {
    const shareOfDay = diurnalProfile[hour]! / weightSum;
    hourly.push(hourlyDemand(
      hour,
      (requestsPerDay * shareOfDay) / SECONDS_PER_HOUR,
      (tokensPerDay * shareOfDay) / SECONDS_PER_HOUR,
      inputTokenFraction,
      prefixCacheHitFraction,
    ));
  }
  const meanTokensPerSecond = tokensPerDay / SECONDS_PER_DAY;
  const peak = hourly[peakHour]!;
  const peakTokensPerSecond = peak.inputTokensPerSecond + peak.outputTokensPerSecond;

  return {
    tokensPerDay,
    inputTokensPerDay,
    outputTokensPerDay: tokensPerDay - inputTokensPerDay,
    inputTokenFraction,
    requestsPerDay,
    meanTokensPerSecond,
    peakTokensPerSecond,
    peakToMeanRatio: (diurnalProfile[peakHour]! * HOURS_PER_DAY) / weightSum,
    peakHour,
    hourly,
    mean: hourlyDemand(-1, requestsPerDay / SECONDS_PER_DAY, meanTokensPerSecond, inputTokenFraction, prefixCacheHitFraction),
    peak,
  };
}
