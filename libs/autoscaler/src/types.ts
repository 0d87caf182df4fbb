import type { PricingSpec } from '../../cost/src/index.js';
import type { ReplicaPlanStep, SimRequest, SimulationConfig } from '../../serving-sim/src/index.js';

/** Demand of one interval, constant over it. */
export interface DemandInterval {
  readonly startSeconds: number;
  readonly requestsPerSecond: number;
  /** Prompt tokens that need prefill compute (prefix-cache hits excluded). */
  readonly prefillTokensPerSecond: number;
  readonly outputTokensPerSecond: number;
}

export interface DemandSeries {
  readonly intervalSeconds: number;
  readonly intervals: readonly DemandInterval[];
  /**
   * Whether the series repeats every day (DAU × diurnal profile): then "the same time yesterday"
   * is the same interval of the series; a trace has no yesterday.
   */
  readonly repeatsDaily: boolean;
}

/** One replica (the GPUs that hold one copy of the weights, one unit however many GPUs or nodes it spans). */
export interface ReplicaCapacity {
  readonly gpusPerReplica: number;
  /** Uncached prompt tokens per second one replica prefills while holding the TTFT SLO (libs/capacity replicaThroughput). */
  readonly prefillTokensPerSecond: number;
  /** Output tokens per second one replica decodes while holding the TPOT SLO. */
  readonly decodeTokensPerSecond: number;
  /** Requests one replica holds at once at that decode throughput (the decode batch): KPA's concurrency capacity. */
  readonly concurrentRequests: number;
  /** Scale-up delay: a new replica serves only after loading its weights. */
  readonly coldStartSeconds: number;
  /** What the capacity model expects at that load; the predictive policy corrects by actual / expected. */
  readonly expectedTtftSeconds: number;
  readonly expectedTpotSeconds: number;
}

export interface ScalingBounds {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Replicas paid for around the clock (reserved pricing); the fleet never goes below them. */
  readonly reservedReplicas: number;
}

/** The simulator around a plan: everything but the fleet size, plus where requests come from. */
export interface SimulationHarness {
  readonly config: Omit<SimulationConfig, 'initialReplicas' | 'replicaPlan'>;
  /** Every request of the horizon, for the replay of a plan. */
  arrivals(): Iterable<SimRequest>;
  /** Poisson arrivals at a constant rate, for the SLO-driven search (seeded, so reruns agree). */
  steadyArrivals(requestsPerSecond: number, durationSeconds: number, seed: number): Iterable<SimRequest>;
}

export type PolicyKind = 'static-peak' | 'hpa' | 'kpa' | 'predictive' | 'slo-driven';

export interface HpaOptions {
  /** Target busy fraction per replica (the HPA's averageUtilization target). */
  readonly targetUtilizationFraction: number;
  readonly tolerance: number;
  readonly syncPeriodSeconds: number;
  readonly scaleDownStabilizationSeconds: number;
}

export interface KpaOptions {
  /** Knative's container-concurrency-target-percentage (70 %): target concurrency = this × concurrentRequests. */
  readonly targetUtilizationFraction: number;
  readonly stableWindowSeconds: number;
  readonly panicWindowSeconds: number;
  /** Panic when panic-window desired / ready replicas ≥ this (2.0 = 200 %). */
  readonly panicThreshold: number;
  readonly tickSeconds: number;
  /** Knative max-scale-down-rate: at most ready / rate removed per tick. */
  readonly maxScaleDownRate: number;
}

export interface PredictiveOptions {
  readonly targetUtilizationFraction: number;
  readonly forecast: 'seasonal-naive' | 'trend';
  /** Dynamo planner's correction factors, actual / expected latency (1 = the model is right). */
  readonly prefillCorrection: number;
  readonly decodeCorrection: number;
}

export interface SloDrivenOptions {
  /** Fraction of each class's requests that must meet its TTFT and TPOT SLO. */
  readonly targetAttainmentFraction: number;
  /** Simulated time per interval in the search (the interval itself when shorter). */
  readonly searchWindowSeconds: number;
  readonly targetUtilizationFraction: number;
}

export interface PlanningInput {
  readonly demand: DemandSeries;
  readonly capacity: ReplicaCapacity;
  readonly bounds: ScalingBounds;
  readonly pricing: PricingSpec;
  /** Busy fraction static and predictive provisioning plan for (headroom = 1 − this). */
  readonly targetUtilizationFraction: number;
  readonly targetAttainmentFraction: number;
  /** Mean request duration (queue + prefill + decode) for KPA's concurrency = rate × duration (Little's law). */
  readonly meanRequestSeconds: number;
  readonly harness: SimulationHarness | null;
  readonly seed: number;
}

/** What a policy decides: the fleet size over time (first step at 0). */
export interface PolicyDecision {
  readonly steps: readonly ReplicaPlanStep[];
  /** Per interval, anything the policy wants to show (e.g. Dynamo's prefill / decode split). */
  readonly notes?: readonly Readonly<Record<string, number>>[];
}

export interface PlanInterval {
  readonly startSeconds: number;
  readonly requestsPerSecond: number;
  /** Most replicas provisioned at any time in the interval (loading ones included). */
  readonly replicas: number;
  readonly meanReplicas: number;
  readonly gpuHours: number;
  readonly notes: Readonly<Record<string, number>>;
}

export interface ReplayClass {
  readonly name: string;
  readonly arrived: number;
  readonly completed: number;
  readonly rejected: number;
  readonly sloAttainmentFraction: number;
  readonly ttftP99Seconds: number | null;
  readonly tpotP99Seconds: number | null;
  readonly goodputRequestsPerSecond: number;
}

export interface PlanReplay {
  readonly classes: readonly ReplayClass[];
  /** Lowest attainment over classes with traffic. */
  readonly minAttainmentFraction: number;
  readonly events: number;
}

export interface AutoscalingPlan {
  readonly policy: PolicyKind;
  readonly intervalSeconds: number;
  readonly horizonSeconds: number;
  readonly steps: readonly ReplicaPlanStep[];
  readonly intervals: readonly PlanInterval[];
  readonly peakReplicas: number;
  readonly gpuHours: number;
  readonly reservedGpuHours: number;
  readonly onDemandGpuHours: number;
  readonly costCny: number;
  /** Against static peak provisioning of the same demand (0 for static itself). */
  readonly savingVsStaticCny: number;
  readonly savingVsStaticFraction: number;
  /** The plan replayed through libs/serving-sim: what it achieves, not what it intended. */
  readonly replay: PlanReplay | null;
}
