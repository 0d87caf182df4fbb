import type { ReplicaPlanStep } from '../../../serving-sim/src/index.js';
import { clampReplicas } from '../bounds.js';
import { KPA_DEFAULTS } from '../defaults.js';
import { horizonSeconds, intervalAt } from '../demand.js';
import { compactSteps } from '../steps.js';
import type { KpaOptions, PlanningInput, PolicyDecision, ScalingBounds } from '../types.js';
import type { ScalingPolicy } from './policy.js';

function windowMean(samples: readonly { t: number; v: number }[], from: number): number {
  let sum = 0;
  let n = 0;
  for (let i = samples.length - 1; i >= 0 && samples[i]!.t > from; i--) {
    sum += samples[i]!.v;
    n++;
  }
  return n > 0 ? sum / n : 0;
}

/**
 * Knative's KPA decider on a concurrency signal, one tick every tickSeconds (sampled at the tick):
 * stable = mean over the stable window, panic = mean over the panic window; desired pods =
 * ceil(window mean / target per pod). Panic starts (and is extended) whenever panic-window desired
 * / ready pods ≥ panicThreshold; in panic the fleet only grows (the highest panic desire so far);
 * panic ends after a stable window without crossing the threshold. Scale-down is limited to
 * ready / maxScaleDownRate per tick. New replicas are ready coldStartSeconds after they are asked for.
 */
export function kpaSteps(
  concurrencyAt: (t: number) => number,
  horizon: number,
  initialReplicas: number,
  targetPerReplica: number,
  coldStartSeconds: number,
  options: KpaOptions,
  bounds: ScalingBounds,
): ReplicaPlanStep[] {
  let desiredPods = initialReplicas;
  const readyAt: number[] = Array.from({ length: initialReplicas }, () => 0);
  const points: ReplicaPlanStep[] = [{ atSeconds: 0, replicas: desiredPods }];
  const samples: { t: number; v: number }[] = [];
  let panicSince: number | null = null;
  let maxPanicPods = 0;
  for (let t = 0; t < horizon; t += options.tickSeconds) {
    samples.push({ t, v: concurrencyAt(t) });
    while (samples.length > 0 && samples[0]!.t <= t - options.stableWindowSeconds) samples.shift();
    const ready = Math.max(1, readyAt.filter((r) => r <= t).length);
    const stable = windowMean(samples, t - options.stableWindowSeconds);
    const panic = windowMean(samples, t - options.panicWindowSeconds);
    const stableDesired = Math.ceil(stable / targetPerReplica - 1e-9);
    const panicRatio = panic / targetPerReplica / ready;
    const panicDesired = Math.ceil(panic / targetPerReplica - 1e-9);
    if (panicRatio >= options.panicThreshold) {
      if (panicSince === null) maxPanicPods = desiredPods;
      panicSince = t;
    } else if (panicSince !== null && panicSince + options.stableWindowSeconds <= t) {
      panicSince = null;
    }
    let desired: number;
    if (panicSince !== null) {
      maxPanicPods = Math.max(maxPanicPods, panicDesired);
      desired = maxPanicPods;
    } else {
      desired = Math.max(stableDesired, Math.floor(ready / options.maxScaleDownRate));
    }
    desired = clampReplicas(desired, bounds);
    if (desired !== desiredPods) {
      if (desired > desiredPods) for (let k = desiredPods; k < desired; k++) readyAt.push(t + coldStartSeconds);
      else readyAt.sort((a, b) => a - b).splice(desired);
      desiredPods = desired;
      points.push({ atSeconds: t, replicas: desiredPods });
    }
  }
  return compactSteps(points);
}

export function kpaPolicy(overrides: Partial<KpaOptions> = {}): ScalingPolicy {
  return {
    kind: 'kpa',
    decide(input: PlanningInput): PolicyDecision {
      // The plan's target utilisation plays container-concurrency-target-percentage (Knative's default 70 %).
      const options: KpaOptions = { ...KPA_DEFAULTS, targetUtilizationFraction: input.targetUtilizationFraction, ...overrides };
      // Little's law: requests in flight = arrival rate × time each spends in the system.
      const concurrencyAt = (t: number) => intervalAt(input.demand, t).requestsPerSecond * input.meanRequestSeconds;
      const target = options.targetUtilizationFraction * input.capacity.concurrentRequests;
      const initial = clampReplicas(Math.ceil(concurrencyAt(0) / target - 1e-9), input.bounds);
      return { steps: kpaSteps(concurrencyAt, horizonSeconds(input.demand), initial, target, input.capacity.coldStartSeconds, options, input.bounds) };
    },
  };
}
