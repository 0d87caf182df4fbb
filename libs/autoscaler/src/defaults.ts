import type { OverloadPolicyKind, RouterKind } from '../../serving-sim/src/index.js';
import type { TrafficClassSpec } from './scenario/types.js';
import type { HpaOptions, KpaOptions, PredictiveOptions, ScalingBounds, SloDrivenOptions } from './types.js';

/**
 * Kubernetes HorizontalPodAutoscaler defaults (kubernetes.io/docs/tasks/run-application/
 * horizontal-pod-autoscale): desiredReplicas = ceil(currentReplicas × currentMetric / target);
 * no change while |ratio − 1| ≤ 0.1 (--horizontal-pod-autoscaler-tolerance); the controller syncs
 * every 15 s (--horizontal-pod-autoscaler-sync-period); scale-down uses the highest
 * recommendation of the last 300 s (behavior.scaleDown.stabilizationWindowSeconds), scale-up none.
 */
export const HPA_DEFAULTS: Omit<HpaOptions, 'targetUtilizationFraction'> = {
  tolerance: 0.1,
  syncPeriodSeconds: 15,
  scaleDownStabilizationSeconds: 300,
};
/** HPA default scale-up policies: add at most max(4 pods, 100 % of current) per 15 s (selectPolicy Max). */
export const HPA_SCALE_UP_PODS = 4;
export const HPA_SCALE_UP_PERCENT = 100;

/**
 * Knative Pod Autoscaler defaults (knative.dev/docs/serving/autoscaling, config-autoscaler):
 * stable-window 60 s; panic-window-percentage 10 % of it = 6 s; panic-threshold-percentage 200 %;
 * container-concurrency-target-percentage 70 %; max-scale-down-rate 2.0; the autoscaler ticks
 * every 2 s. In panic mode it never scales down; it leaves panic after a stable window below the threshold.
 */
export const KPA_DEFAULTS: KpaOptions = {
  targetUtilizationFraction: 0.7,
  stableWindowSeconds: 60,
  panicWindowSeconds: 6,
  panicThreshold: 2,
  tickSeconds: 2,
  maxScaleDownRate: 2,
};

/**
 * Predictive scaling: forecast the next interval and have its replicas ready when it starts
 * (launched one cold start ahead), as AWS EC2 predictive scaling (SchedulingBufferTime) and NVIDIA
 * Dynamo's SLA planner do. Dynamo sizes prefill and decode separately and multiplies the predicted
 * load by a correction factor actual / expected latency (TTFT for prefill, ITL for decode).
 */
export const PREDICTIVE_DEFAULTS: Omit<PredictiveOptions, 'targetUtilizationFraction' | 'forecast'> = {
  prefillCorrection: 1,
  decodeCorrection: 1,
};

/** SLO-driven search: simulate up to 10 minutes of each interval's rate. */
export const SLO_DRIVEN_DEFAULTS: Omit<SloDrivenOptions, 'targetUtilizationFraction' | 'targetAttainmentFraction'> = {
  searchWindowSeconds: 600,
};

/**
 * What a simulation or plan request leaves out, shared by POST /v1/simulations, POST
 * /v1/autoscaling/plans and `capsim plan` so the three agree: the two classes (B2B TTFT p99
 * 2 s / TPOT 80 ms; consumer looser; one B2B request in four), one hour of traffic in one-hour
 * intervals, an NVMe-class read of the weights into a new replica, 99 % attainment.
 */
export const RUN_SPEC_DEFAULTS = {
  classes: [
    { name: 'b2b', ttftSeconds: 2, tpotSeconds: 0.08, overloadPolicy: 'queue', weight: 1 },
    { name: 'consumer', ttftSeconds: 5, tpotSeconds: 0.15, overloadPolicy: 'queue', weight: 3 },
  ] as readonly TrafficClassSpec[],
  overloadPolicy: 'queue' as OverloadPolicyKind,
  classWeight: 1,
  arrival: 'poisson' as const,
  durationSeconds: 3600,
  intervalSeconds: 3600,
  startHour: 0,
  storageBytesPerSecond: 2e9,
  targetAttainmentFraction: 0.99,
  router: 'least-outstanding-tokens' as RouterKind,
  seed: 1,
  bounds: { minReplicas: 1, maxReplicas: 1000, reservedReplicas: 0 } as ScalingBounds,
} as const;
