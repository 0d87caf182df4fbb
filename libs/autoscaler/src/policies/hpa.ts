import type { ReplicaPlanStep } from '../../../serving-sim/src/index.js';
import { clampReplicas } from '../bounds.js';
import { HPA_DEFAULTS, HPA_SCALE_UP_PERCENT, HPA_SCALE_UP_PODS } from '../defaults.js';
import { horizonSeconds, intervalAt, replicaLoad } from '../demand.js';
import { compactSteps } from '../steps.js';
import type { HpaOptions, PlanningInput, PolicyDecision, ScalingBounds } from '../types.js';
import type { ScalingPolicy } from './policy.js';

/**
 * The HPA control loop on a load signal (replicas' worth of busy time, see replicaLoad). Each sync:
 * metric = load / current replicas (loading replicas count as idle, as the HPA treats unready
 * pods when scaling up); ratio = metric / target; recommendation = current when |ratio − 1| ≤
 * tolerance, else ceil(current × ratio). Scale-up takes the recommendation at once (limited to
 * max(4, 100 %) more per sync); scale-down takes the highest recommendation of the stabilisation
 * window (those with timestamps after now − window, as the controller's cutoff) and never goes above current.
 */
export function hpaSteps(
  loadAt: (t: number) => number,
  horizon: number,
  initialReplicas: number,
  options: HpaOptions,
  bounds: ScalingBounds,
): ReplicaPlanStep[] {
  let current = initialReplicas;
  const points: ReplicaPlanStep[] = [{ atSeconds: 0, replicas: current }];
  const recommendations: { t: number; r: number }[] = [];
  for (let t = 0; t < horizon; t += options.syncPeriodSeconds) {
    const metric = loadAt(t) / Math.max(1, current);
    const ratio = metric / options.targetUtilizationFraction;
    let rec = Math.abs(ratio - 1) <= options.tolerance ? current : Math.ceil(Math.max(1, current) * ratio - 1e-9);
    rec = clampReplicas(rec, bounds);
    recommendations.push({ t, r: rec });
    const cutoff = t - options.scaleDownStabilizationSeconds;
    while (recommendations.length > 0 && !(recommendations[0]!.t > cutoff)) recommendations.shift();
    let desired: number;
    if (rec > current) {
      desired = Math.min(rec, current + Math.max(HPA_SCALE_UP_PODS, Math.ceil((current * HPA_SCALE_UP_PERCENT) / 100)));
    } else {
      let windowMax = 0;
      for (const x of recommendations) windowMax = Math.max(windowMax, x.r);
      desired = Math.min(current, windowMax);
    }
    if (desired !== current) {
      current = desired;
      points.push({ atSeconds: t, replicas: current });
    }
  }
  return compactSteps(points);
}

export function hpaPolicy(overrides: Partial<HpaOptions> = {}): ScalingPolicy {
  return {
    kind: 'hpa',
    decide(input: PlanningInput): PolicyDecision {
      const options: HpaOptions = { ...HPA_DEFAULTS, targetUtilizationFraction: input.targetUtilizationFraction, ...overrides };
      const loadAt = (t: number) => replicaLoad(intervalAt(input.demand, t), input.capacity);
      // Starts settled: the fleet the HPA would hold for the first interval's load.
      const initial = clampReplicas(Math.ceil(loadAt(0) / options.targetUtilizationFraction - 1e-9), input.bounds);
      return { steps: hpaSteps(loadAt, horizonSeconds(input.demand), initial, options, input.bounds) };
    },
  };
}
