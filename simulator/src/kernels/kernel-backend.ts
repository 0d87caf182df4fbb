/**
 * The one seam between the reference MoE engine and its kernels. The engine (model, attention,
 * routing, batching) is TypeScript; every weight matmul goes through a KernelBackend, so the plain
 * TypeScript backend (the correctness oracle) and the native AVX-512 backend are interchangeable.
 *
 * Numerical contract, shared by every backend so that their logits agree closely:
 * - fp32: y = x · Wᵀ in FP32.
 * - bf16: weights are BF16; activations are rounded to BF16 (round to nearest even) before the
 *   dot products; accumulation in FP32 (what AVX512_BF16 vdpbf16ps does).
 * - int8: weights INT8 symmetric per output channel (row) with one FP32 scale per row; activations
 *   quantized per input row to INT8 symmetric (scale = max|x| / 127, round half away from zero,
 *   clamp to ±127); integer dot products in INT32; y = acc × xScale × wScale.
 * - int4: weights INT4 symmetric (−8…7; stored value + 8 in a nibble, low nibble = even column),
 *   group-wise along the input dimension (group 32 or 64) with one FP32 scale per (row, group);
 *   activations quantized per input row as for int8; per group an INT32 dot product, then
 *   y += acc × xScale × wScale[row, group].
 * Exact rules (quantize.ts, mirrored in native/src/matmul.cc so both backends get the same integers):
 * every step is FP32 arithmetic; xScale = max|x| / 127, q = roundHalfAway(x / xScale), a zero row
 * has xScale 0 and q = 0. toWeightMatrix quantizes weights the same way (INT4: scale = max|w| / 7).
 *
 * Shapes every backend accepts (shape.ts; others are a RangeError naming the field): cols a
 * positive multiple of 64 (and of the INT4 group size), at most 65536; rows any positive integer
 * (the native backend pads to blocks of 16 rows); tokenCount ≥ 0; x and y at least
 * tokenCount × cols / tokenCount × rows long (views into a SharedArrayBuffer are fine).
 * A PackedMatrix works only with the backend that packed it.
 */
export type KernelWeightFormat = 'fp32' | 'bf16' | 'int8' | 'int4';

/** A weight matrix as stored (row-major, rows = output features, cols = input features). */
export type WeightMatrix =
  | { readonly format: 'fp32'; readonly rows: number; readonly cols: number; readonly values: Float32Array }
  | { readonly format: 'bf16'; readonly rows: number; readonly cols: number; readonly values: Uint16Array }
  | {
      readonly format: 'int8';
      readonly rows: number;
      readonly cols: number;
      readonly values: Int8Array;
      /** One per row. */
      readonly scales: Float32Array;
    }
  | {
      readonly format: 'int4';
      readonly rows: number;
      readonly cols: number;
      /** rows × cols / 2 bytes; two values per byte, low nibble first. */
      readonly packedNibbles: Uint8Array;
      readonly groupSize: 32 | 64;
      /** rows × (cols / groupSize), row-major. */
      readonly scales: Float32Array;
    };

/** A matrix laid out for one backend (pre-packed at load time); opaque to the engine. */
export interface PackedMatrix {
  readonly format: KernelWeightFormat;
  readonly rows: number;
  readonly cols: number;
  /** Bytes of weights (and scales) a matmul streams from memory: what bandwidth figures count. */
  readonly weightBytes: number;
}

/** One sequence's rows in an attention batch, with that sequence's KV cache for the layer. */
export interface AttentionSegmentInput {
  /** First row of the segment in qkv and output. */
  readonly row: number;
  /** Position of its first token; token i attends to positions 0 … start + i (causal). */
  readonly start: number;
  readonly length: number;
  /** [position][kvHead][headDim]; positions up to start + length − 1 already written. */
  readonly keys: Float32Array | Int8Array;
  readonly values: Float32Array | Int8Array;
  /** INT8 caches only: one scale per (position, kvHead). */
  readonly keyScales?: Float32Array;
  readonly valueScales?: Float32Array;
}

/**
 * Causal GQA attention of one layer over every segment of a step. qkv rows hold
 * [queries (queryHeads·headDim) | keys | values], RoPE already applied; query head h reads KV
 * head ⌊h / (queryHeads / kvHeads)⌋; scores q·k / √headDim (× the key's scale for INT8), softmax
 * with max subtraction, output = Σ softmax × v (× the value's scale) into output rows
 * [queryHeads·headDim]. Every segment's caches are all FP32 or all INT8.
 */
export interface AttentionBatch {
  readonly qkv: Float32Array;
  readonly output: Float32Array;
  readonly queryHeads: number;
  readonly kvHeads: number;
  /** A multiple of 16, at most 256, for the native backend. */
  readonly headDim: number;
  readonly segments: readonly AttentionSegmentInput[];
}

/**
 * The attention half of one decoder layer (the layer's work before routing), for every segment of
 * a step: normed = rmsNorm(x, inputNorm); qkv = normed · QKVᵀ; RoPE on queries and keys at each
 * token's position; each token's keys and values appended to its segment's cache at that position
 * (an INT8 cache quantized as SequenceKvCache does); causal GQA attention (AttentionBatch);
 * x += attention · Oᵀ; normed = rmsNorm(x, postAttentionNorm); routerLogits = normed · routerᵀ.
 * Bit-identical to the model's own sequence of matmul / attend calls and TypeScript loops.
 */
export interface AttentionBlockBatch {
  /** [tokenCount × hiddenSize], updated in place (the residual add). */
  readonly x: Float32Array;
  readonly tokenCount: number;
  readonly hiddenSize: number;
  readonly rmsNormEpsilon: number;
  readonly inputNorm: Float32Array;
  readonly postAttentionNorm: Float32Array;
  readonly qkvWeights: PackedMatrix;
  readonly oWeights: PackedMatrix;
  readonly routerWeights: PackedMatrix;
  /** RopeTable's cos and sin, [position × headDim / 2], covering every position of the segments. */
  readonly ropeCos: Float32Array;
  readonly ropeSin: Float32Array;
  readonly queryHeads: number;
  readonly kvHeads: number;
  /** A multiple of 16, at most 256, for the native backend. */
  readonly headDim: number;
  /** As in AttentionBatch, except that positions start … start + length − 1 are written here. */
  readonly segments: readonly AttentionSegmentInput[];
  /** Scratch: [tokenCount × qkv width] (RoPE applied on return) and [tokenCount × queryHeads·headDim]. */
  readonly qkv: Float32Array;
  readonly attention: Float32Array;
  /** Scratch, [tokenCount × hiddenSize]. */
  readonly projected: Float32Array;
  /** Out: [tokenCount × hiddenSize], the post-attention norm (the experts' input). */
  readonly normed: Float32Array;
  /** Out: [tokenCount × experts]. */
  readonly routerLogits: Float32Array;
}

/**
 * The routed experts of one MoE layer, grouped by expert. Expert e serves assignments
 * [starts[e], starts[e + 1]) (experts ascending, each expert's tokens ascending): row tokens[a] of
 * input, routing weight weights[a]. For each, in that order,
 * output[tokens[a]] += weights[a] × down(silu(gate) × up), where gateUp = gateUp(input row) and the
 * sum is done in double and rounded once to FP32 (the model's TypeScript loop), so the result is
 * bit-identical to the backend's own matmul + swiglu + matmul calls in MoeModel.
 */
export interface RoutedExpertsBatch {
  /** [rows × hiddenSize]. */
  readonly input: Float32Array;
  readonly hiddenSize: number;
  /** gateUp: 2·width × hiddenSize (gate rows, then up rows); down: hiddenSize × width. */
  readonly experts: readonly { readonly gateUp: PackedMatrix; readonly down: PackedMatrix }[];
  /** expertCount + 1 offsets into tokens / weights. */
  readonly starts: Int32Array;
  readonly tokens: Int32Array;
  readonly weights: Float32Array;
  /** [rows × hiddenSize], accumulated into. */
  readonly output: Float32Array;
}

export interface KernelBackend {
  readonly name: 'reference' | 'native';
  /** Threads a matmul may use. */
  readonly threads: number;
  pack(matrix: WeightMatrix): PackedMatrix;
  /**
   * y[n × rows] = x[n × cols] · Wᵀ, row-major, overwriting y. n is the number of tokens in the
   * step (1 … a few thousand).
   */
  matmul(x: Float32Array, tokenCount: number, weights: PackedMatrix, y: Float32Array): void;
  /**
   * Optional: attention in the backend (FP32 arithmetic, so within FP32 rounding of the model's
   * TypeScript loops, which sum in double). Absent: the model runs its own loops (the oracle).
   */
  attend?(batch: AttentionBatch): void;
  /**
   * Optional: a layer's attention half in one call (AttentionBlockBatch), bit-identical to the
   * model's own path. Absent: the model makes the separate calls (and runs the norms, RoPE and
   * cache writes in TypeScript).
   */
  attentionBlock?(batch: AttentionBlockBatch): void;
  /** Optional: output[r][c] = silu(gateUp[r][c]) × gateUp[r][width + c], rows × width, in FP32. */
  swiglu?(gateUp: Float32Array, rows: number, width: number, output: Float32Array): void;
  /**
   * Optional: a layer's routed experts in one call (RoutedExpertsBatch), bit-identical to the
   * model's own loop over matmul / swiglu / matmul. Absent: the model runs that loop.
   */
  runRoutedExperts?(batch: RoutedExpertsBatch): void;
  /**
   * Optional: quantizeInt8PerRow (quantize.ts) in the backend, the same integers and scales for
   * finite inputs; cols a multiple of 64. Weight generation uses it when present.
   */
  quantizeInt8PerRow?(values: Float32Array, rows: number, cols: number): { values: Int8Array; scales: Float32Array };
  /** Releases native memory held by packed matrices, where the backend holds any. */
  dispose?(): void;
}
