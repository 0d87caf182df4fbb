import type { GpuSpec, KvCacheFormat, ModelSpec, WeightFormat } from '../../../catalog/src/index.js';
import type { EfficiencyCoefficients } from '../types.js';

/**
 * A pool of GPUs serving one phase (prefill or decode) with data-parallel attention and large
 * expert parallelism (SGLang / DeepSeek style, PUBLISHED.md V1, V2): every GPU holds the attention,
 * dense FFN, shared experts and LM head whole and runs them on its own sequences; the routed experts
 * are spread over all `expertParallelSize` GPUs and tokens reach them by all-to-all dispatch and
 * combine (DeepEP). A prefill pool and a decode pool of a disaggregated deployment are two specs.
 * Independent of DeploymentSpec, so nothing that uses DeploymentSpec changes.
 */
export interface ExpertParallelPoolSpec {
  readonly gpu: GpuSpec;
  readonly model: ModelSpec;
  /** Attention, dense FFN, shared experts, embeddings, LM head. */
  readonly weightFormat: WeightFormat;
  readonly expertWeightFormat: WeightFormat;
  readonly kvCacheFormat: KvCacheFormat;
  /** GPUs in the pool = EP size; may span nodes (gpu.gpusPerNode per node). */
  readonly expertParallelSize: number;
  /** Extra expert slots per MoE layer for EPLB replicas (0: no redundancy). Slots per GPU = (E + R) / EP. */
  readonly redundantExpertsPerLayer: number;
  /**
   * Routed tokens of the busiest GPU over the mean, ≥ 1. The step waits for that GPU, so it
   * multiplies routed-expert FLOPs and all-to-all traffic. See EXPERT_LOAD_IMBALANCE.
   */
  readonly expertLoadImbalanceFactor: number;
  /** Two-batch overlap: all-to-all runs under the other micro-batch's compute (SGLang --enable-two-batch-overlap). */
  readonly overlapCommunication: boolean;
  /** Bytes per hidden element dispatched (DeepEP: 1, FP8 with per-128 scales); combine is always BF16. */
  readonly dispatchBytesPerElement: number;
  readonly usableHbmFraction: number;
  readonly reservedBytesPerGpu: number;
  readonly efficiency: EfficiencyCoefficients;
}

export interface ExpertParallelStep {
  readonly stepSeconds: number;
  readonly computeSeconds: number;
  readonly memorySeconds: number;
  readonly communicationSeconds: number;
  readonly overheadSeconds: number;
  /** Tokens this GPU runs through attention in the step. */
  readonly tokensPerGpu: number;
  /** Local expert slots of one MoE layer that the step's tokens touch, per GPU. */
  readonly distinctLocalExpertsPerLayer: number;
  /** Which term sets the step: compute, bandwidth, or communication (overlapped and longest, or largest added term). */
  readonly bound: 'compute' | 'bandwidth' | 'communication';
}

export interface ExpertParallelMemory {
  readonly weightsBytesPerGpu: number;
  readonly kvCacheBytesPerGpu: number;
  /** DP attention: a GPU caches only its own sequences, no replication. */
  readonly kvBytesPerToken: number;
  readonly kvCapacityTokensPerGpu: number;
  readonly fitsWeights: boolean;
}
