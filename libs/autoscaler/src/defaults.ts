import type { HpaOptions, KpaOptions, PredictiveOptions, SloDrivenOptions } from './types.js';

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
