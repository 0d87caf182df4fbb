import { clampReplicas } from '../bounds.js';
import { PREDICTIVE_DEFAULTS } from '../defaults.js';
import { provisionAhead } from '../steps.js';
import type { DemandInterval, DemandSeries, PlanningInput, PolicyDecision, PredictiveOptions } from '../types.js';
import type { ScalingPolicy } from './policy.js';

type Rates = Pick<DemandInterval, 'prefillTokensPerSecond' | 'outputTokensPerSecond'>;

/**
 * The forecast of interval i made before it starts.
 * - seasonal-naive: the same interval a day earlier (for a series that repeats daily, the same
 *   interval of the series);
 * - trend: the last interval plus its change from the one before (Holt's linear trend with
 *   α = β = 1), never below 0; the first interval is taken as known (the fleet starts sized for it).
 */
export function forecastInterval(demand: DemandSeries, i: number, method: PredictiveOptions['forecast']): Rates {
  const d = demand.intervals;
  if (method === 'seasonal-naive' && demand.repeatsDaily) {
    const perDay = Math.round(86_400 / demand.intervalSeconds);
    return d[(((i - perDay) % d.length) + d.length) % d.length]!;
  }
  if (i === 0) return d[0]!;
  if (i === 1) return d[0]!;
  const a = d[i - 1]!;
  const b = d[i - 2]!;
  return {
    prefillTokensPerSecond: Math.max(0, 2 * a.prefillTokensPerSecond - b.prefillTokensPerSecond),
    outputTokensPerSecond: Math.max(0, 2 * a.outputTokensPerSecond - b.outputTokensPerSecond),
  };
}

/**
 * Predictive scaling with Dynamo-planner sizing: prefill replicas = forecast prefill tokens/s ×
 * prefill correction / prefill tokens/s per replica, decode replicas = forecast output tokens/s ×
 * decode correction / decode tokens/s per replica (correction = actual / expected latency: a
 * fleet slower than modelled needs proportionally more). Replicas here serve both phases, so the
 * fleet is ceil((prefill + decode replicas) / target utilisation), launched one cold start ahead.
 */
export function predictivePolicy(overrides: Partial<PredictiveOptions> = {}): ScalingPolicy {
  return {
    kind: 'predictive',
    decide(input: PlanningInput): PolicyDecision {
      const options: PredictiveOptions = {
        ...PREDICTIVE_DEFAULTS,
        targetUtilizationFraction: input.targetUtilizationFraction,
        forecast: input.demand.repeatsDaily ? 'seasonal-naive' : 'trend',
        ...overrides,
      };
      const { capacity } = input;
      const notes: Record<string, number>[] = [];
      const counts = input.demand.intervals.map((_, i) => {
        const f = forecastInterval(input.demand, i, options.forecast);
        const prefillReplicas = (f.prefillTokensPerSecond * options.prefillCorrection) / capacity.prefillTokensPerSecond;
        const decodeReplicas = (f.outputTokensPerSecond * options.decodeCorrection) / capacity.decodeTokensPerSecond;
        notes.push({ prefillReplicas, decodeReplicas, prefillCorrection: options.prefillCorrection, decodeCorrection: options.decodeCorrection });
        return clampReplicas(Math.ceil((prefillReplicas + decodeReplicas) / options.targetUtilizationFraction - 1e-9), input.bounds);
      });
      return { steps: provisionAhead(counts, input.demand.intervalSeconds, capacity.coldStartSeconds), notes };
    },
  };
}
