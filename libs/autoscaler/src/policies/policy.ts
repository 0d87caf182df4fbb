import type { PlanningInput, PolicyDecision, PolicyKind } from '../types.js';

/** A scaling policy: demand (and the capacity of one replica) → the fleet size over time. */
export interface ScalingPolicy {
  readonly kind: PolicyKind;
  decide(input: PlanningInput): PolicyDecision;
}
