import type { GpuSpec, KvCacheFormatId, ModelSpec, WeightFormatId } from '../../../catalog/src/index.js';
import type {
  EfficiencyCoefficients,
  MemoryBreakdown,
  ReplicaRequirement,
  ReplicaThroughput,
  SloSpec,
} from '../../../capacity/src/index.js';
import type { DemandProfile, WorkloadSpec } from '../../../workload/src/index.js';

export interface PricingSpec {
  /** Price of a reserved (committed) GPU-hour; defaults to the catalog GPU's price. */
  readonly reservedCnyPerGpuHour: number;
  /** Price of an on-demand GPU-hour above the reserved baseline. */
  readonly onDemandCnyPerGpuHour: number;
  /** GPUs paid for around the clock whether used or not. */
  readonly reservedGpus: number;
  /** Explicit exchange rate: CNY per 1 USD. */
  readonly cnyPerUsd: number;
  /** What customers pay, for the margin. */
  readonly listPriceCnyPerMillionInputTokens: number;
  readonly listPriceCnyPerMillionOutputTokens: number;
}

export interface QuantizationChoice {
  readonly weights: WeightFormatId;
  /** Routed experts; defaults to `weights`. */
  readonly experts?: WeightFormatId;
  readonly kvCache: KvCacheFormatId;
}

export interface DeploymentChoice {
  /** GPUs per replica; absent = smallest power of two that holds the weights with KV room. */
  readonly tensorParallelSize?: number;
  readonly expertParallel?: boolean;
  /** Data-parallel attention inside the replica (libs/capacity DeploymentSpec.attentionDataParallel); default false. */
  readonly attentionDataParallel?: boolean;
  readonly usableHbmFraction?: number;
  readonly reservedBytesPerGpu?: number;
  readonly maxBatchSequences?: number;
  readonly prefillChunkTokens?: number;
  /** Fleet busy fraction to plan for (headroom = 1 − this). */
  readonly targetUtilizationFraction?: number;
}

/**
 * A what-if scenario as users write it: catalog references by id or inline custom specs,
 * everything else optional with documented defaults (see defaults.ts).
 */
export interface ScenarioSpec {
  readonly model: string | ModelSpec;
  readonly gpu: string | GpuSpec;
  readonly quantization: QuantizationChoice;
  readonly deployment?: DeploymentChoice;
  readonly workload?: Partial<WorkloadSpec>;
  readonly slo?: Partial<SloSpec>;
  readonly pricing?: Partial<PricingSpec>;
  readonly efficiency?: Partial<EfficiencyCoefficients>;
  /**
   * 'published-fit': the coefficients VALIDATION.md fits to published deployments for the GPU's
   * family (libs/capacity efficiency/published-fit.ts) instead of DEFAULT_EFFICIENCY; catalog GPUs
   * only, not together with `efficiency`. Absent or 'default' = DEFAULT_EFFICIENCY (overlaid by `efficiency`).
   */
  readonly efficiencyPreset?: EfficiencyPreset;
}

export const EFFICIENCY_PRESETS = ['default', 'published-fit'] as const;
export type EfficiencyPreset = (typeof EFFICIENCY_PRESETS)[number];

export type BindingLimit = 'memory' | 'compute' | 'bandwidth' | 'slo';

export interface CostFigures {
  readonly gpuHoursPerDay: number;
  readonly reservedGpuHoursPerDay: number;
  readonly onDemandGpuHoursPerDay: number;
  readonly costCnyPerDay: number;
  readonly costCnyPer30DayMonth: number;
  readonly costUsdPerDay: number;
  readonly costUsdPer30DayMonth: number;
  readonly costCnyPerDauPerMonth: number;
  readonly costUsdPerDauPerMonth: number;
  readonly costCnyPerMillionInputTokens: number;
  readonly costCnyPerMillionOutputTokens: number;
  readonly revenueCnyPerDay: number;
  /** (revenue − cost) / revenue; null when revenue is zero. */
  readonly marginFraction: number | null;
}

export interface HourlyPlanPoint {
  readonly hour: number;
  readonly replicas: number;
  readonly gpus: number;
  readonly utilizationFraction: number;
}

export interface WhatIfEvaluation {
  readonly modelId: string;
  readonly gpuId: string;
  readonly tensorParallelSize: number;
  readonly minimumGpusForWeights: number;
  readonly memory: MemoryBreakdown;
  readonly throughput: ReplicaThroughput;
  readonly demand: DemandProfile;
  readonly atPeak: ReplicaRequirement;
  readonly atMean: ReplicaRequirement;
  readonly hourly: readonly HourlyPlanPoint[];
  readonly cost: CostFigures;
  readonly bindingLimit: BindingLimit;
  readonly bindingLimitExplanation: string;
  readonly efficiency: EfficiencyCoefficients;
  readonly warnings: readonly string[];
}
