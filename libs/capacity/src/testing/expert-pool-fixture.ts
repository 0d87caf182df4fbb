import { GPU_CATALOG, KV_CACHE_FORMATS, MODEL_CATALOG, WEIGHT_FORMATS } from '../../../catalog/src/index.js';
import type { ExpertParallelPoolSpec } from '../large-ep/types.js';
import { ROUND_EFFICIENCY } from './deployment-fixture.js';

/**
 * The pool the hand-worked large-EP tests share: Mixtral-8x7B BF16 (BF16 KV) with DP attention +
 * EP8 on one node of H100s, no redundant experts, balanced routing, no overlap, FP8 dispatch, 0.9 of
 * HBM, no reserve, round coefficients (η_compute 0.5, η_memory 0.8, η_interconnect 0.5, 1 ms).
 */
export function mixtralEpPoolOnH100(overrides: Partial<ExpertParallelPoolSpec> = {}): ExpertParallelPoolSpec {
  return {
    gpu: GPU_CATALOG['h100-sxm'],
    model: MODEL_CATALOG['mixtral-8x7b'],
    weightFormat: WEIGHT_FORMATS.bf16,
    expertWeightFormat: WEIGHT_FORMATS.bf16,
    kvCacheFormat: KV_CACHE_FORMATS.bf16,
    expertParallelSize: 8,
    redundantExpertsPerLayer: 0,
    expertLoadImbalanceFactor: 1,
    overlapCommunication: false,
    dispatchBytesPerElement: 1,
    usableHbmFraction: 0.9,
    reservedBytesPerGpu: 0,
    efficiency: ROUND_EFFICIENCY,
    ...overrides,
  };
}
