/**
 * Default prices are indicative, not quotes: users override them per scenario. USD figures are
 * typical 2025-2026 on-demand list prices per GPU-hour at specialist GPU clouds (Lambda, RunPod,
 * CoreWeave, Hyperstack class); CNY = USD × 7.2 unless the part is sold mainly in China, where the
 * CNY rental rate is the source and USD = CNY / 7.2.
 */
export const CNY_PER_USD = 7.2;

export const PRICE_BASIS_USD =
  'Indicative default: typical 2025-2026 on-demand price per GPU-hour at specialist GPU clouds (Lambda / RunPod / CoreWeave / Hyperstack list prices); CNY = USD × 7.2. Override per scenario.';

export const PRICE_BASIS_CNY =
  'Indicative default: typical 2025-2026 China-market rental price per card-hour (domestic GPU clouds / rental brokers); USD = CNY ÷ 7.2. Override per scenario.';
