import { simulate } from '../../../serving-sim/src/index.js';
import { clampReplicas } from '../bounds.js';
import { SLO_DRIVEN_DEFAULTS } from '../defaults.js';
import { replicaLoad } from '../demand.js';
import { erlangCServers } from '../erlang-c.js';
import { provisionAhead } from '../steps.js';
import type { PlanningInput, PolicyDecision, SimulationHarness, SloDrivenOptions } from '../types.js';
import type { ScalingPolicy } from './policy.js';
import { staticPeakReplicas } from './static-peak.js';

/** Lowest SLO attainment over the classes that saw traffic, n replicas warm, rate λ for the window. */
export function simulatedAttainment(harness: SimulationHarness, replicas: number, requestsPerSecond: number, windowSeconds: number, seed: number): number {
  if (replicas === 0) return requestsPerSecond > 0 ? 0 : 1;
  const result = simulate({ ...harness.config, initialReplicas: replicas }, harness.steadyArrivals(requestsPerSecond, windowSeconds, seed));
  let worst = 1;
  for (const c of result.classes) if (c.arrived > 0) worst = Math.min(worst, c.sloAttainmentFraction);
  return worst;
}

/**
 * Per interval, the fewest replicas whose simulated SLO attainment meets the target. The search
 * starts from the Erlang-C estimate (each replica one server, offered load = the interval's
 * replica load, waiting probability ≤ 1 − target), walks down while the target still holds and
 * up until it does, and never passes static peak provisioning (which the plan would otherwise
 * lose to). Replicas launch one cold start ahead, as the plan is made knowing the demand.
 */
export function sloDrivenPolicy(overrides: Partial<SloDrivenOptions> = {}): ScalingPolicy {
  return {
    kind: 'slo-driven',
    decide(input: PlanningInput): PolicyDecision {
      const harness = input.harness;
      if (harness === null) throw new RangeError('harness: the slo-driven policy needs the simulator (a workload to simulate)');
      const options: SloDrivenOptions = {
        ...SLO_DRIVEN_DEFAULTS,
        targetAttainmentFraction: input.targetAttainmentFraction,
        targetUtilizationFraction: input.targetUtilizationFraction,
        ...overrides,
      };
      const cap = staticPeakReplicas(input);
      const window = Math.min(options.searchWindowSeconds, input.demand.intervalSeconds);
      const memo = new Map<number, { replicas: number; start: number; simulations: number; met: number }>();
      const notes: Record<string, number>[] = [];
      const counts = input.demand.intervals.map((d) => {
        const known = memo.get(d.requestsPerSecond);
        if (known !== undefined) {
          notes.push({ erlangCStart: known.start, simulations: 0, targetMet: known.met });
          return known.replicas;
        }
        const load = replicaLoad(d, input.capacity);
        const start = Math.min(cap, clampReplicas(load > 0 ? erlangCServers(load, 1 - options.targetAttainmentFraction) : 0, input.bounds));
        let simulations = 0;
        const meets = (n: number) => {
          simulations++;
          return simulatedAttainment(harness, n, d.requestsPerSecond, window, input.seed) >= options.targetAttainmentFraction;
        };
        const floor = clampReplicas(0, input.bounds);
        let n = start;
        let met: boolean;
        if (meets(n)) {
          met = true;
          while (n > floor && meets(n - 1)) n--;
        } else {
          met = false;
          while (n < cap) {
            n++;
            if (meets(n)) {
              met = true;
              break;
            }
          }
        }
        const entry = { replicas: n, start, simulations, met: met ? 1 : 0 };
        memo.set(d.requestsPerSecond, entry);
        notes.push({ erlangCStart: start, simulations, targetMet: entry.met });
        return n;
      });
      return { steps: provisionAhead(counts, input.demand.intervalSeconds, input.capacity.coldStartSeconds), notes };
    },
  };
}
