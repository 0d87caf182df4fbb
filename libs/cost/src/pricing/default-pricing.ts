import { CNY_PER_USD, type GpuSpec } from '../../../catalog/src/index.js';
import type { PricingSpec } from '../what-if/types.js';

/**
 * On-demand GPU-hours cost this multiple of a reserved (committed) GPU-hour. GPU clouds discount
 * one-year commitments by roughly 30-45 % off on-demand (AWS / Azure / GCP 1-year reserved or
 * committed-use prices for A100 / H100 instances; specialist clouds' reserved-cluster offers), i.e.
 * on-demand ≈ 1.4-1.8 × committed; 1.5 is taken. An assumption: override per scenario.
 */
export const ON_DEMAND_PREMIUM_FACTOR = 1.5;

/**
 * Moonshot's public API list price for Kimi K2 (platform.moonshot.cn pricing page, 2025):
 * ¥4 per million input tokens (cache miss; ¥1 on a cache hit) and ¥16 per million output tokens.
 * The default: what a customer of Moonshot's flagship pays today.
 */
export const KIMI_K2_2025_LIST_PRICES = Object.freeze({
  listPriceCnyPerMillionInputTokens: 4,
  listPriceCnyPerMillionOutputTokens: 16,
});

/**
 * Moonshot's 2024 list price for moonshot-v1-128k, the long-context tier of the 2024 Kimi service:
 * ¥60 per million tokens, input and output alike (moonshot-v1-8k ¥12, -32k ¥24). For replaying the
 * source report's 2024 economics.
 */
export const MOONSHOT_V1_128K_2024_LIST_PRICES = Object.freeze({
  listPriceCnyPerMillionInputTokens: 60,
  listPriceCnyPerMillionOutputTokens: 60,
});

/**
 * Pricing defaults that do not depend on the GPU.
 * - reservedGpus 0: no commitment unless the scenario says so; every GPU-hour is on-demand.
 * - cnyPerUsd 7.2: the catalog's exchange-rate basis (CNY_PER_USD); the PBoC central parity was
 *   about 7.1-7.2 CNY per USD through 2025.
 * - list prices: KIMI_K2_2025_LIST_PRICES.
 */
export const DEFAULT_PRICING = Object.freeze({
  reservedGpus: 0,
  cnyPerUsd: CNY_PER_USD,
  ...KIMI_K2_2025_LIST_PRICES,
});

/**
 * Full pricing for a GPU: the overrides given, the rest from defaults. The reserved GPU-hour
 * defaults to the catalog GPU's price; the on-demand GPU-hour to reserved × ON_DEMAND_PREMIUM_FACTOR
 * (so overriding only the reserved price moves both).
 */
export function defaultPricing(gpu: GpuSpec, overrides: Partial<PricingSpec> = {}): PricingSpec {
  const reservedCnyPerGpuHour = overrides.reservedCnyPerGpuHour ?? gpu.priceCnyPerGpuHour;
  return {
    reservedCnyPerGpuHour,
    onDemandCnyPerGpuHour: overrides.onDemandCnyPerGpuHour ?? reservedCnyPerGpuHour * ON_DEMAND_PREMIUM_FACTOR,
    reservedGpus: overrides.reservedGpus ?? DEFAULT_PRICING.reservedGpus,
    cnyPerUsd: overrides.cnyPerUsd ?? DEFAULT_PRICING.cnyPerUsd,
    listPriceCnyPerMillionInputTokens: overrides.listPriceCnyPerMillionInputTokens ?? DEFAULT_PRICING.listPriceCnyPerMillionInputTokens,
    listPriceCnyPerMillionOutputTokens: overrides.listPriceCnyPerMillionOutputTokens ?? DEFAULT_PRICING.listPriceCnyPerMillionOutputTokens,
  };
}
