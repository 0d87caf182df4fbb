import type { PolicyKind } from '../types.js';
import { hpaPolicy } from './hpa.js';
import { kpaPolicy } from './kpa.js';
import type { ScalingPolicy } from './policy.js';
import { predictivePolicy } from './predictive.js';
import { sloDrivenPolicy } from './slo-driven.js';
import { staticPeakPolicy } from './static-peak.js';

/** One factory per policy (house style: strategies in a typed registry). */
export const SCALING_POLICIES = {
  'static-peak': () => staticPeakPolicy,
  hpa: () => hpaPolicy(),
  kpa: () => kpaPolicy(),
  predictive: () => predictivePolicy(),
  'slo-driven': () => sloDrivenPolicy(),
} as const satisfies Record<PolicyKind, () => ScalingPolicy>;

export const POLICY_KINDS = Object.keys(SCALING_POLICIES) as PolicyKind[];

export function createPolicy(kind: PolicyKind): ScalingPolicy {
  const factory = (SCALING_POLICIES as Record<string, (() => ScalingPolicy) | undefined>)[kind];
  if (factory === undefined) throw new RangeError(`policy: must be one of ${POLICY_KINDS.join(', ')}, got ${String(kind)}`);
  return factory();
}

export type { ScalingPolicy } from './policy.js';
export { hpaPolicy, hpaSteps } from './hpa.js';
export { kpaPolicy, kpaSteps } from './kpa.js';
export { predictivePolicy, forecastInterval } from './predictive.js';
export { sloDrivenPolicy, simulatedAttainment } from './slo-driven.js';
export { staticPeakPolicy, staticPeakReplicas } from './static-peak.js';
