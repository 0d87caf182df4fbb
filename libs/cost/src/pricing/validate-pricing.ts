import type { PricingSpec } from '../what-if/types.js';

// The field name is joined only on failure: this runs on every what-if evaluation.
function finiteAtLeast(value: number, min: number, field: string, name: string, strict: boolean): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && (strict ? value > min : value >= min);
  if (!ok) throw new RangeError(`${field}.${name}: must be a finite number ${strict ? '>' : '≥'} ${min}, got ${String(value)}`);
}

/**
 * Checks every field of a pricing.
 * @throws RangeError naming the field, e.g. 'pricing.cnyPerUsd: must be a finite number > 0, got 0'.
 */
export function validatePricing(pricing: PricingSpec, field = 'pricing'): void {
  if (pricing === null || typeof pricing !== 'object') throw new RangeError(`${field}: must be an object, got ${String(pricing)}`);
  finiteAtLeast(pricing.reservedCnyPerGpuHour, 0, field, 'reservedCnyPerGpuHour', false);
  finiteAtLeast(pricing.onDemandCnyPerGpuHour, 0, field, 'onDemandCnyPerGpuHour', false);
  finiteAtLeast(pricing.reservedGpus, 0, field, 'reservedGpus', false);
  if (!Number.isInteger(pricing.reservedGpus)) {
    throw new RangeError(`${field}.reservedGpus: must be a non-negative integer, got ${pricing.reservedGpus}`);
  }
  finiteAtLeast(pricing.cnyPerUsd, 0, field, 'cnyPerUsd', true);
  finiteAtLeast(pricing.listPriceCnyPerMillionInputTokens, 0, field, 'listPriceCnyPerMillionInputTokens', false);
  finiteAtLeast(pricing.listPriceCnyPerMillionOutputTokens, 0, field, 'listPriceCnyPerMillionOutputTokens', false);
}
