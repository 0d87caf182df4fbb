import { clampReplicas } from '../bounds.js';
import { replicaLoad } from '../demand.js';
import type { PlanningInput, PolicyDecision } from '../types.js';
import type { ScalingPolicy } from './policy.js';

/** Replicas for the busiest interval at the target utilisation: ceil(peak load / target). */
export function staticPeakReplicas(input: PlanningInput): number {
  let peak = 0;
  for (const d of input.demand.intervals) peak = Math.max(peak, replicaLoad(d, input.capacity));
  return clampReplicas(Math.ceil(peak / input.targetUtilizationFraction - 1e-9), input.bounds);
}

/** Static peak provisioning: the whole horizon at the peak's fleet, the baseline every plan is compared with. */
export const staticPeakPolicy: ScalingPolicy = {
  kind: 'static-peak',
  decide(input: PlanningInput): PolicyDecision {
    return { steps: [{ atSeconds: 0, replicas: staticPeakReplicas(input) }] };
  },
};
