import { DEFAULT_DIURNAL_PROFILE } from './diurnal-profile.js';
import { MOONCAKE_LONG_CONTEXT_REQUEST_SIZES } from './request-sizes.js';
import type { WorkloadSpec } from './types.js';

/**
 * Defaults for a workload. dailyActiveUsers is the one figure a scenario should always give;
 * 1 000 000 is the source report's "if DAU reaches 1 M" question.
 *
 * - tokensPerUserPerDay 100 000: the source report (one user generates about 100 k tokens).
 * - prefixCacheHitFraction 0.5: in the Mooncake trace (Kimi's serving system,
 *   shared/traces/mooncake-synthetic.jsonl), 65 % of prompt tokens sit in 512-token prefix blocks
 *   already seen earlier in the trace. That is measured with one unbounded cache shared by the
 *   whole fleet, so it is an upper bound: real caches are finite and often per replica, and evict
 *   some of those blocks. 0.5 leaves room for that; set it from your own cache metrics.
 * - requestSizes: the long-context Mooncake request shape (the product is long context).
 * - diurnalProfile: DEFAULT_DIURNAL_PROFILE (peak / mean ≈ 1.718).
 */
export const DEFAULT_WORKLOAD: WorkloadSpec = Object.freeze({
  dailyActiveUsers: 1_000_000,
  tokensPerUserPerDay: 100_000,
  prefixCacheHitFraction: 0.5,
  diurnalProfile: DEFAULT_DIURNAL_PROFILE,
  requestSizes: MOONCAKE_LONG_CONTEXT_REQUEST_SIZES,
});
