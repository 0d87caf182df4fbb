import type { GpuSpec, KvCacheFormatId, ModelSpec, WeightFormatId } from '../../../catalog/src/index.js';
import { KV_CACHE_FORMATS, WEIGHT_FORMATS } from '../../../catalog/src/index.js';
import { DEFAULT_EFFICIENCY } from '../efficiency/defaults.js';
import type { DeploymentSpec, EfficiencyCoefficients } from '../types.js';

export interface DeploymentFixtureOptions {
  readonly gpu: GpuSpec;
  readonly model: ModelSpec;
  readonly weightFormat?: WeightFormatId;
  readonly expertWeightFormat?: WeightFormatId;
  readonly kvCacheFormat?: KvCacheFormatId;
  readonly tensorParallelSize?: number;
  readonly expertParallel?: boolean;
  readonly usableHbmFraction?: number;
  readonly reservedBytesPerGpu?: number;
  readonly maxBatchSequences?: number;
  readonly prefillChunkTokens?: number;
  readonly efficiency?: EfficiencyCoefficients;
}

/**
 * A deployment for tests: BF16 everywhere, one GPU, vLLM's defaults (gpu_memory_utilization 0.9,
 * max_num_seqs 256, max_num_batched_tokens 8192), no extra reserve, default efficiency.
 */
export function deploymentFixture(options: DeploymentFixtureOptions): DeploymentSpec {
  const weightFormat = options.weightFormat ?? 'bf16';
  return {
    gpu: options.gpu,
    model: options.model,
    weightFormat: WEIGHT_FORMATS[weightFormat],
    expertWeightFormat: WEIGHT_FORMATS[options.expertWeightFormat ?? weightFormat],
    kvCacheFormat: KV_CACHE_FORMATS[options.kvCacheFormat ?? 'bf16'],
    tensorParallelSize: options.tensorParallelSize ?? 1,
    expertParallel: options.expertParallel ?? false,
    usableHbmFraction: options.usableHbmFraction ?? 0.9,
    reservedBytesPerGpu: options.reservedBytesPerGpu ?? 0,
    maxBatchSequences: options.maxBatchSequences ?? 256,
    prefillChunkTokens: options.prefillChunkTokens ?? 8192,
    efficiency: options.efficiency ?? DEFAULT_EFFICIENCY,
  };
}

/** Round-number coefficients for tests whose arithmetic should stay legible. */
export const ROUND_EFFICIENCY: EfficiencyCoefficients = {
  computeEfficiencyFraction: 0.5,
  memoryEfficiencyFraction: 0.8,
  interconnectEfficiencyFraction: 0.5,
  stepOverheadSeconds: 0.001,
  provenance: 'default',
  calibrationProfileId: null,
  source: 'test fixture: round numbers',
};
