import { requireNonNegativeFinite, requirePositiveInteger } from '../validation/require.js';

/**
 * Expected number of distinct routed experts one MoE layer touches when `tokens` tokens each pick
 * `topK` of `numExperts` experts, with uniform routing (DESIGN.md):
 *
 *   E × (1 − (1 − k/E)^n)
 *
 * An expert is missed by one token with probability 1 − k/E, by n independent tokens with
 * (1 − k/E)^n. Real routers are skewed and touch fewer; that is left to calibration.
 * `tokens` may be fractional (a mean batch); 0 tokens touch no expert.
 *
 * @example distinctExpertsTouched(8, 2, 1) // 2
 * @example distinctExpertsTouched(8, 2, 8) // 8 × (1 − 0.75^8) = 7.199 097
 * @throws RangeError when numExperts or topK is not a positive integer, topK > numExperts, or tokens is negative.
 */
export function distinctExpertsTouched(numExperts: number, topK: number, tokens: number): number {
  requirePositiveInteger(numExperts, 'numExperts');
  requirePositiveInteger(topK, 'topK');
  if (topK > numExperts) {
    throw new RangeError(`topK: must not exceed numExperts (${numExperts}), got ${topK}`);
  }
  requireNonNegativeFinite(tokens, 'tokens');
  return expectedDistinctExperts(numExperts, topK, tokens);
}

/**
 * Unchecked core for hot loops whose inputs were validated once. −expm1(n·log1p(−k/E)) keeps
 * precision when k/E is small and n large (DeepSeek: 8/256).
 */
export function expectedDistinctExperts(numExperts: number, topK: number, tokens: number): number {
  if (tokens === 0) return 0;
  if (topK === numExperts) return numExperts;
  return -numExperts * Math.expm1(tokens * Math.log1p(-topK / numExperts));
}
