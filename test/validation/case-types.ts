import type { GpuId, KvCacheFormatId, ModelId, WeightFormatId } from '../../libs/catalog/src/index.js';

/**
 * A published measurement of a real deployment, stated as data: what ran, on what, how, and what
 * was measured. The runner (bench/validate.ts) turns each into capsim inputs with the same rules
 * for every case; nothing here is a coefficient.
 */
export interface ValidationCase {
  readonly id: string;
  readonly title: string;
  /** Where the figures come from (document, table, date). */
  readonly source: string;
  /** What the source leaves unsaid and the case had to assume. */
  readonly assumptions: readonly string[];
  readonly setup: CaseSetup;
  readonly figures: readonly PublishedFigure[];
}

export type ModelRef = ModelId | 'llama-3.3-70b' | 'llama-2-70b';

export interface PublishedFigure {
  readonly label: string;
  readonly published: number;
  readonly unit: string;
  /** Shape of the measurement the figure belongs to (meaning depends on the setup kind). */
  readonly promptTokens?: number;
  readonly outputTokens?: number;
  readonly tokens?: number;
  /** Which phase the figure measures in a case with several. */
  readonly phase?: 'prefill' | 'decode' | 'max-load';
}

export type CaseSetup = ReplicaSetup | ExpertParallelSetup | GemmSetup;

/** A tensor-parallel replica (DeploymentSpec) serving prefill and decode together. */
export interface ReplicaSetup {
  readonly kind: 'replica';
  readonly gpu: GpuId;
  readonly model: ModelRef;
  readonly weightFormat: WeightFormatId;
  readonly expertWeightFormat: WeightFormatId;
  readonly kvCacheFormat: KvCacheFormatId;
  readonly tensorParallelSize: number;
  readonly expertParallel: boolean;
  /** Data-parallel attention inside the replica (DeploymentSpec.attentionDataParallel); absent = false. */
  readonly attentionDataParallel?: boolean;
  /** Engine's per-step prefill token budget (max_num_tokens / max-prefill-tokens). */
  readonly prefillChunkTokens: number;
  /**
   * 'trtllm-bench': the batch cap and prefill chunk are the ones trtllm-bench derives per
   * input/output shape (trtllm-bench-settings.ts), replacing ENGINE_DEFAULTS.maxBatchSequences and
   * prefillChunkTokens. Absent: those fixed values.
   */
  readonly engineSettings?: 'trtllm-bench';
  /** Figures are per replica or per GPU. */
  readonly figuresPer: 'replica' | 'gpu';
}

/** One pool of a disaggregated deployment: DP attention + large EP (ExpertParallelPoolSpec). */
export interface ExpertParallelSetup {
  readonly kind: 'expert-parallel-pool';
  readonly phase: 'prefill' | 'decode';
  readonly gpu: GpuId;
  readonly model: ModelRef;
  readonly weightFormat: WeightFormatId;
  readonly expertWeightFormat: WeightFormatId;
  readonly kvCacheFormat: KvCacheFormatId;
  readonly expertParallelSize: number;
  readonly redundantExpertsPerLayer: number;
  /** EPLB on: EXPERT_LOAD_IMBALANCE.withEplb, off: withoutEplb. */
  readonly eplb: boolean;
  readonly twoBatchOverlap: boolean;
  readonly dispatchBytesPerElement: number;
  /** Prefill: prompt tokens per GPU per step. Decode: sequences per GPU. */
  readonly tokensOrSequencesPerGpu: number;
  /** Decode only: mean context of the sequences. */
  readonly meanContextTokens?: number;
  /** Decode only: full length a sequence reaches (its KV is reserved); defaults to meanContextTokens. */
  readonly finalSequenceTokens?: number;
  readonly figuresPer: 'node' | 'gpu';
}

/** One GEMM kernel on one GPU (kernel-level profile). */
export interface GemmSetup {
  readonly kind: 'gemm';
  readonly gpu: GpuId;
  readonly n: number;
  readonly k: number;
  readonly weightFormat: WeightFormatId;
}
