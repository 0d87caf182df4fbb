import type { RequestSizeDistribution, WorkloadSpec } from './types.js';

export const HOURS_PER_DAY = 24;

function fail(field: string, reason: string, value: unknown): never {
  throw new RangeError(`${field}: ${reason}, got ${String(value)}`);
}

// Field names are joined only on failure: these checks run on every what-if evaluation.
function positive(value: number, field: string, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(`${field}.${name}`, 'must be a finite number > 0', value);
}

function nonNegative(value: number, field: string, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`${field}.${name}`, 'must be a finite number ≥ 0', value);
}

/**
 * Checks a diurnal profile: exactly 24 finite, non-negative weights with at least one positive.
 * @throws RangeError naming `field` (e.g. 'workload.diurnalProfile[3]') and the reason.
 */
export function validateDiurnalProfile(profile: readonly number[], field = 'workload.diurnalProfile'): void {
  if (!Array.isArray(profile)) fail(field, 'must be an array of 24 hourly weights', profile);
  if (profile.length !== HOURS_PER_DAY) fail(field, 'must have exactly 24 hourly weights', `${profile.length} weights`);
  let anyPositive = false;
  for (let hour = 0; hour < HOURS_PER_DAY; hour++) {
    const weight = profile[hour]!;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) fail(`${field}[${hour}]`, 'must be a finite number ≥ 0', weight);
    if (weight > 0) anyPositive = true;
  }
  if (!anyPositive) fail(field, 'needs at least one positive hourly weight', 'all zero');
}

/** @throws RangeError naming the field, e.g. 'workload.requestSizes.meanPromptTokens: must be …'. */
export function validateRequestSizes(sizes: RequestSizeDistribution, field = 'workload.requestSizes'): void {
  if (sizes === null || typeof sizes !== 'object') fail(field, 'must be an object', sizes);
  positive(sizes.meanPromptTokens, field, 'meanPromptTokens');
  nonNegative(sizes.promptTokensCv, field, 'promptTokensCv');
  positive(sizes.meanOutputTokens, field, 'meanOutputTokens');
  nonNegative(sizes.outputTokensCv, field, 'outputTokensCv');
}

/**
 * Checks every field of a workload.
 * @throws RangeError whose message names the field and the reason,
 *   e.g. 'workload.dailyActiveUsers: must be a finite number > 0, got -1'.
 */
export function validateWorkload(workload: WorkloadSpec, field = 'workload'): void {
  if (workload === null || typeof workload !== 'object') fail(field, 'must be an object', workload);
  positive(workload.dailyActiveUsers, field, 'dailyActiveUsers');
  positive(workload.tokensPerUserPerDay, field, 'tokensPerUserPerDay');
  const hit = workload.prefixCacheHitFraction;
  if (typeof hit !== 'number' || !Number.isFinite(hit) || hit < 0 || hit > 1) {
    fail(`${field}.prefixCacheHitFraction`, 'must be a fraction in [0, 1]', hit);
  }
  validateDiurnalProfile(workload.diurnalProfile, field === 'workload' ? 'workload.diurnalProfile' : `${field}.diurnalProfile`);
  validateRequestSizes(workload.requestSizes, field === 'workload' ? 'workload.requestSizes' : `${field}.requestSizes`);
}
