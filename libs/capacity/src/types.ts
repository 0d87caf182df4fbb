import type { ComputeFormat, GpuSpec, KvCacheFormat, ModelSpec, WeightFormat } from '../../catalog/src/index.js';

/**
 * Efficiency coefficients of the roofline (DESIGN.md). Inputs, never constants: a calibration
 * profile replaces the defaults.
 */
export interface EfficiencyCoefficients {
  /** η_compute: achieved fraction of dense tensor-core peak. */
  readonly computeEfficiencyFraction: number;
  /**
   * η_compute for the weight GEMMs that run in one compute format, overriding
   * computeEfficiencyFraction for that format. FP8 and FP4 tensor cores double and quadruple the
   * BF16 peak, but activation quantisation, block scales, epilogues and the grouped-GEMM tails
   * of MoE layers do not speed up with them, so those GEMMs reach a smaller fraction of their
   * (larger) peak. Optional: absent, or a format not listed = computeEfficiencyFraction (today's model).
   */
  readonly computeEfficiencyFractionByFormat?: Readonly<Partial<Record<ComputeFormat, number>>>;
  /** η_memory: achieved fraction of HBM bandwidth. */
  readonly memoryEfficiencyFraction: number;
  /** Achieved fraction of NVLink / network bandwidth in collectives. */
  readonly interconnectEfficiencyFraction: number;
  /** Fixed framework / launch overhead per continuous-batching step. */
  readonly stepOverheadSeconds: number;
  /**
   * Host (CPU) time per sequence in a step, added to the step: scheduling, block-table and input
   * preparation, sampling, stop checks and detokenisation run per request on the CPU and are not
   * all hidden under the GPU at batches of hundreds to thousands. Optional: absent = 0 (today's model).
   */
  readonly overheadSecondsPerSequence?: number;
  /**
   * Achieved fraction of HBM bandwidth when decode attention reads the KV cache (paged gathers,
   * split-K reductions, per-head softmax keep these kernels below the weight-streaming GEMMs).
   * Optional: absent = memoryEfficiencyFraction (today's model).
   */
  readonly attentionMemoryEfficiencyFraction?: number;
  /**
   * Achieved fraction of BF16 peak for attention scores and values (FlashAttention / FlashMLA
   * kernels), which run apart from the weight GEMMs and reach a different fraction of peak than
   * low-precision (FP8 / FP4) GEMMs do. Optional: absent = computeEfficiencyFraction (today's model).
   */
  readonly attentionComputeEfficiencyFraction?: number;
  /**
   * true: a step is the sum of two kernel groups' rooflines, max(GEMM compute, weight bytes) +
   * max(attention compute, KV bytes), instead of one max over the whole step. The weight GEMMs
   * and the attention kernels run one after the other in every layer, so neither hides under the
   * other: a GPU short on FLOPs (H20) pays its compute-bound expert GEMMs and then its
   * memory-bound KV reads. Optional: absent or false = one max (today's model).
   */
  readonly perKernelRoofline?: boolean;
  /** 'default' (documented datasheet-derived values) or 'calibrated'. */
  readonly provenance: 'default' | 'calibrated';
  readonly calibrationProfileId: string | null;
  readonly source: string;
}

/** One replica = the GPUs that hold one copy of the weights. */
export interface DeploymentSpec {
  readonly gpu: GpuSpec;
  readonly model: ModelSpec;
  /** Format of attention, dense FFN, shared experts, embeddings and LM head. */
  readonly weightFormat: WeightFormat;
  /** Format of routed experts (often quantized harder). */
  readonly expertWeightFormat: WeightFormat;
  readonly kvCacheFormat: KvCacheFormat;
  /** GPUs per replica; attention and dense layers are tensor-parallel across all of them. */
  readonly tensorParallelSize: number;
  /** true: routed experts are partitioned across the replica's GPUs (EP = TP) and tokens move by all-to-all; false: each expert is TP-sharded. */
  readonly expertParallel: boolean;
  /**
   * Data-parallel attention inside the replica (TensorRT-LLM enable_attention_dp, SGLang
   * --enable-dp-attention): each of the tensorParallelSize GPUs holds the attention, embeddings,
   * LM head, norms, router, dense FFN and shared experts whole, caches and attends only its own
   * sequences (1/TP of the batch, KV not replicated) and runs its own host work for them; only the
   * routed experts stay sharded across the GPUs (TP-sharded, or partitioned when expertParallel),
   * and each MoE layer exchanges tokens (all-gather + reduce-scatter, or all-to-all under EP).
   * Sequences and prefill chunks are assumed balanced across the GPUs (maxBatchSequences and
   * prefillChunkTokens stay per replica); a lone prompt on an idle replica really runs on one GPU,
   * so idle TTFT is optimistic by up to TP×. Optional: absent or false = tensor-parallel attention
   * (today's model).
   */
  readonly attentionDataParallel?: boolean;
  /** Fraction of HBM the serving engine may use (vLLM gpu_memory_utilization). */
  readonly usableHbmFraction: number;
  /** Per GPU: activations, workspace, CUDA context, NCCL buffers. */
  readonly reservedBytesPerGpu: number;
  /** Scheduler cap on sequences in one decode batch. */
  readonly maxBatchSequences: number;
  /** Chunked-prefill token budget per step. */
  readonly prefillChunkTokens: number;
  readonly efficiency: EfficiencyCoefficients;
}

export interface WeightBytesByComponent {
  readonly embeddingBytes: number;
  readonly lmHeadBytes: number;
  readonly attentionBytes: number;
  readonly denseFfnBytes: number;
  readonly routerBytes: number;
  readonly sharedExpertBytes: number;
  readonly routedExpertBytes: number;
  readonly normBytes: number;
  readonly totalBytes: number;
}

export interface MemoryBreakdown {
  readonly gpusPerReplica: number;
  readonly hbmBytesPerReplica: number;
  readonly weights: WeightBytesByComponent;
  readonly weightsBytesPerGpu: number;
  /** hbm × (1 − usable fraction) + reserved, over all GPUs of the replica. */
  readonly reservedBytes: number;
  readonly kvCacheBytes: number;
  readonly kvBytesPerToken: number;
  readonly kvCapacityTokens: number;
  readonly fitsWeights: boolean;
}

export type StepBound = 'compute' | 'bandwidth';

export interface StepTime {
  readonly stepSeconds: number;
  readonly computeSeconds: number;
  readonly memorySeconds: number;
  readonly communicationSeconds: number;
  readonly overheadSeconds: number;
  readonly flops: number;
  readonly bytesMoved: number;
  readonly distinctExpertsPerLayer: number;
  readonly bound: StepBound;
  /**
   * Present only under efficiency.perKernelRoofline: the attention kernels' part of
   * computeSeconds (attention FLOPs) and of memorySeconds (KV bytes). The step then is
   * max(compute − these, memory − those) + max(these, those) + communication + overhead.
   */
  readonly attentionComputeSeconds?: number;
  readonly attentionMemorySeconds?: number;
}

export interface SloSpec {
  /** Time to first token target (p99 intent; the analytic model uses it as a hard bound). */
  readonly ttftSeconds: number;
  /** Time per output token target. */
  readonly tpotSeconds: number;
}

export interface RequestShapeForCapacity {
  readonly meanPromptTokens: number;
  readonly meanOutputTokens: number;
  /** Fraction of prompt tokens served from the prefix cache (skip prefill compute). */
  readonly prefixCacheHitFraction: number;
}

export type DecodeBatchLimit = 'kv-memory' | 'tpot-slo' | 'max-batch';

export interface ReplicaThroughput {
  readonly decodeBatchSequences: number;
  readonly decodeBatchLimitedBy: DecodeBatchLimit;
  readonly decodeStep: StepTime;
  readonly decodeTokensPerSecond: number;
  readonly meanDecodeContextTokens: number;
  readonly prefillStep: StepTime;
  readonly prefillTokensPerSecond: number;
  /** Prefill of one mean (uncached) prompt on an idle replica. */
  readonly idleTtftSeconds: number;
  readonly sloFeasible: boolean;
  readonly warnings: readonly string[];
}

export interface DemandRates {
  /** Prompt tokens that need prefill compute (after prefix-cache hits). */
  readonly prefillTokensPerSecond: number;
  readonly outputTokensPerSecond: number;
}

export interface ReplicaRequirement {
  readonly replicas: number;
  readonly gpus: number;
  /** Busy fraction of the fleet at that demand, 0..1. */
  readonly utilizationFraction: number;
  readonly prefillBusyFraction: number;
  readonly decodeBusyFraction: number;
}

/*
 * Functions libs/capacity exports (each in its own file, re-exported by index.ts):
 *   kvBytesPerToken(model, kvCacheFormat): number
 *   weightBytesByComponent(model, weightFormat, expertWeightFormat): WeightBytesByComponent
 *   memoryPerReplica(deployment): MemoryBreakdown
 *   minimumGpusForWeights(model, weightFormat, expertWeightFormat, gpu, usableHbmFraction, reservedBytesPerGpu): number
 *   distinctExpertsTouched(numExperts, topK, tokens): number
 *   decodeStepTime(deployment, batchSequences, meanContextTokens): StepTime
 *   prefillStepTime(deployment, promptTokens): StepTime
 *   replicaThroughput(deployment, slo, shape: RequestShapeForCapacity): ReplicaThroughput
 *   replicasForDemand(throughput, demand: DemandRates, gpusPerReplica, targetUtilizationFraction): ReplicaRequirement
 *   DEFAULT_EFFICIENCY: EfficiencyCoefficients
 */
