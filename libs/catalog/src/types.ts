/**
 * Domain types of the catalog. Every number is in SI base units (bytes, seconds, FLOP/s,
 * bytes/s) and its unit is in its name. Every catalog entry carries the source of its numbers.
 */

/** The math format a tensor-core matmul runs in. */
export type ComputeFormat = 'bf16' | 'fp8' | 'int8' | 'fp4';

/** Dense (non-sparse) peak rate per format; null where the chip has no tensor-core support. */
export type PeakOpsPerSecond = { readonly [F in ComputeFormat]: number | null };

export interface GpuSpec {
  readonly id: string;
  readonly name: string;
  readonly hbmBytes: number;
  readonly hbmBytesPerSecond: number;
  /** Dense tensor-core peak per format, operations per second (FLOP/s or OP/s). */
  readonly peakOpsPerSecond: PeakOpsPerSecond;
  /** GPU-to-GPU bandwidth inside a node, one direction, per GPU. PCIe-only parts give their PCIe rate. */
  readonly interconnectBytesPerSecond: number;
  readonly interconnectKind: 'nvlink' | 'pcie';
  /** Scale-out network per GPU (e.g. one 400 Gb/s NIC per GPU = 50e9). */
  readonly networkBytesPerSecond: number;
  readonly gpusPerNode: number;
  readonly boardPowerWatts: number;
  readonly priceCnyPerGpuHour: number;
  readonly priceUsdPerGpuHour: number;
  /** Where each figure comes from: datasheet URL / document and date. */
  readonly sources: { readonly [field: string]: string };
}

export type AttentionSpec =
  | {
      readonly kind: 'gqa';
      readonly numHeads: number;
      readonly numKvHeads: number;
      readonly headDim: number;
    }
  | {
      /** DeepSeek multi-head latent attention. */
      readonly kind: 'mla';
      readonly numHeads: number;
      readonly qLoraRank: number;
      readonly kvLoraRank: number;
      readonly qkNopeHeadDim: number;
      readonly qkRopeHeadDim: number;
      readonly vHeadDim: number;
    };

export interface MoeSpec {
  readonly numRoutedExperts: number;
  /** top-k */
  readonly numActiveExperts: number;
  readonly numSharedExperts: number;
  readonly expertIntermediateSize: number;
}

export interface ModelSpec {
  readonly id: string;
  readonly name: string;
  readonly numLayers: number;
  /** Leading layers with a dense FFN instead of MoE (DeepSeek first_k_dense_replace). */
  readonly numDenseLayers: number;
  readonly hiddenSize: number;
  /** FFN width of the dense layers (0 when there are none). */
  readonly denseIntermediateSize: number;
  readonly vocabSize: number;
  readonly tieWordEmbeddings: boolean;
  readonly maxContextTokens: number;
  readonly attention: AttentionSpec;
  readonly moe: MoeSpec;
  /** Native weight format of the public release, for information. */
  readonly nativeWeightFormat: WeightFormatId;
  readonly publishedTotalParams: number;
  readonly publishedActiveParams: number;
  /**
   * Vendors count "active" differently: Mistral, Qwen and DeepSeek include the embedding table,
   * Moonshot's "32 B activated" for Kimi K2 leaves it out. Says which count to compare with.
   */
  readonly publishedActiveCountsEmbedding: boolean;
  readonly source: string;
}

/** Parameter counts by component, derived from the architecture (libs/catalog parameter-count). */
export interface ParameterCounts {
  readonly embeddingParams: number;
  readonly lmHeadParams: number;
  readonly attentionParams: number;
  readonly denseFfnParams: number;
  readonly routerParams: number;
  readonly sharedExpertParams: number;
  /** All routed experts of all MoE layers. */
  readonly routedExpertParams: number;
  /** One routed expert of one layer. */
  readonly paramsPerExpert: number;
  readonly normParams: number;
  readonly totalParams: number;
  /**
   * Parameters a single token touches: top-k routed experts, shared experts, everything dense,
   * the LM head AND the embedding row table. Embedding is included because that is the convention
   * the published "active" figures follow (Mixtral 12.9 B, Qwen3 3.3 B / 22 B, DeepSeek-V3 37 B);
   * use activeMatmulParams for FLOPs.
   */
  readonly activeParams: number;
  /**
   * activeParams without the embedding lookup (a gather, not a matmul); the LM head stays in.
   * 2 × activeMatmulParams is the forward FLOPs per token outside attention scores.
   */
  readonly activeMatmulParams: number;
}

export type WeightFormatId = 'bf16' | 'fp8' | 'int8-w8a8' | 'int8-w8a16' | 'int4-w4a16' | 'fp4';

export interface WeightFormat {
  readonly id: WeightFormatId;
  readonly name: string;
  /** Bytes per parameter including scale / zero-point overhead. */
  readonly bytesPerParam: number;
  /** Format the matmul runs in on a GPU that supports it. */
  readonly computeFormat: ComputeFormat;
  /** Format the matmul falls back to where the GPU lacks computeFormat (weights dequantized). */
  readonly fallbackComputeFormat: ComputeFormat;
  readonly description: string;
  readonly source: string;
}

export type KvCacheFormatId = 'bf16' | 'fp8' | 'int8';

export interface KvCacheFormat {
  readonly id: KvCacheFormatId;
  readonly name: string;
  /** Bytes per cached element including scale overhead. */
  readonly bytesPerElement: number;
  readonly description: string;
  readonly source: string;
}
