/**
 * The shape of a decoder-only MoE transformer the reference engine runs: every dimension the
 * weights, the KV cache and the step accounting need. Presets are frozen data (house style 3).
 */
export interface MoeModelShape {
  readonly name: string;
  /** Which catalog model (libs/catalog/src/models) this shape mirrors, or 'none'. */
  readonly mirrors: string;
  /** How the shape was scaled from the model it mirrors. */
  readonly scaling: string;
  readonly layers: number;
  readonly hiddenSize: number;
  readonly queryHeads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  /** Routed experts per layer. */
  readonly expertCount: number;
  /** Routed experts chosen per token. */
  readonly topK: number;
  readonly expertIntermediateSize: number;
  /** Shared experts per layer, applied to every token (DeepSeek style); 0 for Mixtral style. */
  readonly sharedExpertCount: number;
  readonly sharedExpertIntermediateSize: number;
  readonly vocabSize: number;
  readonly ropeTheta: number;
  readonly rmsNormEpsilon: number;
}

/** Validates a shape against the engine's and the kernel seam's rules; throws RangeError('field: reason'). */
export function validateModelShape(shape: MoeModelShape): MoeModelShape {
  const positiveInt = (value: number, field: string): void => {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`shape.${field}: must be a positive integer, got ${value}`);
  };
  positiveInt(shape.layers, 'layers');
  positiveInt(shape.hiddenSize, 'hiddenSize');
  positiveInt(shape.queryHeads, 'queryHeads');
  positiveInt(shape.kvHeads, 'kvHeads');
  positiveInt(shape.headDim, 'headDim');
  positiveInt(shape.expertCount, 'expertCount');
  positiveInt(shape.topK, 'topK');
  positiveInt(shape.expertIntermediateSize, 'expertIntermediateSize');
  positiveInt(shape.vocabSize, 'vocabSize');
  if (!Number.isInteger(shape.sharedExpertCount) || shape.sharedExpertCount < 0) {
    throw new RangeError(`shape.sharedExpertCount: must be a non-negative integer, got ${shape.sharedExpertCount}`);
  }
  if (shape.sharedExpertCount > 0) positiveInt(shape.sharedExpertIntermediateSize, 'sharedExpertIntermediateSize');
  if (shape.topK > shape.expertCount) throw new RangeError(`shape.topK: must not exceed expertCount (${shape.expertCount}), got ${shape.topK}`);
  if (shape.queryHeads % shape.kvHeads !== 0) throw new RangeError(`shape.kvHeads: must divide queryHeads (${shape.queryHeads}), got ${shape.kvHeads}`);
  if (shape.headDim % 2 !== 0) throw new RangeError(`shape.headDim: must be even (RoPE rotates pairs), got ${shape.headDim}`);
  // Every matmul's input width must be a multiple of 64 (simulator/src/kernels/shape.ts).
  const multipleOf64 = (value: number, field: string): void => {
    if (value % 64 !== 0) throw new RangeError(`shape.${field}: must be a multiple of 64 (the kernels' column block), got ${value}`);
  };
  multipleOf64(shape.hiddenSize, 'hiddenSize');
  multipleOf64(shape.queryHeads * shape.headDim, 'queryHeads × headDim');
  multipleOf64(shape.expertIntermediateSize, 'expertIntermediateSize');
  if (shape.sharedExpertCount > 0) multipleOf64(shape.sharedExpertIntermediateSize, 'sharedExpertIntermediateSize');
  if (!(shape.ropeTheta > 0)) throw new RangeError(`shape.ropeTheta: must be positive, got ${shape.ropeTheta}`);
  if (!(shape.rmsNormEpsilon > 0)) throw new RangeError(`shape.rmsNormEpsilon: must be positive, got ${shape.rmsNormEpsilon}`);
  return shape;
}

/** A copy of a shape with a different routed-expert count and top-k (the harness's E × k sweep). */
export function withExperts(shape: MoeModelShape, expertCount: number, topK: number): MoeModelShape {
  return Object.freeze(validateModelShape({ ...shape, name: `${shape.name}-e${expertCount}k${topK}`, expertCount, topK }));
}
