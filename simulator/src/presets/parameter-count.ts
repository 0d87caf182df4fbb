import type { MoeModelShape } from './model-shape.js';

export interface ParameterCount {
  /** Embedding table (a lookup: one row read per token, so not counted as active). */
  readonly embedding: number;
  readonly lmHead: number;
  /** q, k, v, o projections of one layer. */
  readonly attentionPerLayer: number;
  readonly routerPerLayer: number;
  /** One routed expert: gate, up and down projections. */
  readonly perExpert: number;
  readonly sharedExpertsPerLayer: number;
  /** Two RMSNorm weight vectors per layer. */
  readonly normsPerLayer: number;
  readonly total: number;
  /** Parameters a token's forward pass multiplies by: every matmul weight it touches (top-k experts), norms, LM head; not the embedding table. */
  readonly activePerToken: number;
}

export function countParameters(shape: MoeModelShape): ParameterCount {
  const d = shape.hiddenSize;
  const attentionPerLayer = d * (shape.queryHeads + 2 * shape.kvHeads) * shape.headDim + shape.queryHeads * shape.headDim * d;
  const routerPerLayer = shape.expertCount * d;
  const perExpert = 3 * d * shape.expertIntermediateSize;
  const sharedExpertsPerLayer = shape.sharedExpertCount * 3 * d * shape.sharedExpertIntermediateSize;
  const normsPerLayer = 2 * d;
  const embedding = shape.vocabSize * d;
  const lmHead = shape.vocabSize * d;
  const denseLayer = attentionPerLayer + routerPerLayer + sharedExpertsPerLayer + normsPerLayer;
  const total = embedding + lmHead + d + shape.layers * (denseLayer + shape.expertCount * perExpert);
  const activePerToken = lmHead + d + shape.layers * (denseLayer + shape.topK * perExpert);
  return { embedding, lmHead, attentionPerLayer, routerPerLayer, perExpert, sharedExpertsPerLayer, normsPerLayer, total, activePerToken };
}
