import type { KernelWeightFormat, PackedMatrix } from '../kernels/kernel-backend.js';
import type { MoeModelShape } from '../presets/model-shape.js';

/** One SwiGLU expert: gate (w1) and up (w3) fused into one matrix of 2f rows (gate rows first), then down (w2). */
export interface ExpertWeights {
  readonly gateUp: PackedMatrix;
  readonly down: PackedMatrix;
}

export interface LayerWeights {
  readonly inputNorm: Float32Array;
  /** q, k, v fused: rows = (queryHeads + 2 × kvHeads) × headDim, in that order. */
  readonly qkv: PackedMatrix;
  readonly o: PackedMatrix;
  readonly postAttentionNorm: Float32Array;
  /** Kept in FP32 whatever the format: the gate is tiny and routing decisions should not flip on rounding. */
  readonly router: PackedMatrix;
  readonly experts: readonly ExpertWeights[];
  readonly sharedExperts: readonly ExpertWeights[];
}

/** Weights packed for one kernel backend; embeddings stay FP32 (a row lookup, not a matmul). */
export interface ModelWeights {
  readonly shape: MoeModelShape;
  readonly format: KernelWeightFormat;
  /** INT4 group size, where format is int4. */
  readonly groupSize: 32 | 64;
  readonly embedding: Float32Array;
  readonly layers: readonly LayerWeights[];
  readonly finalNorm: Float32Array;
  readonly lmHead: PackedMatrix;
}

export interface WeightFormatOptions {
  readonly format: KernelWeightFormat;
  /** INT4 group size (default 32). */
  readonly groupSize?: 32 | 64;
}
