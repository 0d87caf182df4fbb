import type { AttentionSpec, ModelSpec, ParameterCounts } from '../types.js';

/**
 * Parameter counts by component from the architecture numbers alone.
 *
 * Conventions (see parameter-count specs for how each published figure is matched):
 * - Every FFN is SwiGLU: gate, up and down projections, 3 × hidden × width.
 * - Attention and FFN projections have no biases (true of every catalogued model).
 * - Norms: two RMSNorm vectors per layer plus the final norm. MLA's q_a / kv_a norms are counted
 *   in attention. Not counted, because ModelSpec does not say which models have them: Qwen3's
 *   per-head q/k norms (2 × headDim per layer) and DeepSeek's router score-correction bias (one
 *   per expert per layer) — together under 0.0001 % of any total.
 * - Multi-token-prediction modules are not part of ModelSpec and are not counted (DeepSeek's 671 B
 *   excludes its MTP layer too).
 * - activeParams includes the embedding table (the convention of published "active" figures);
 *   activeMatmulParams leaves the embedding lookup out.
 *
 * @throws RangeError when a size is not a positive integer or the MoE / dense-layer numbers contradict each other.
 */
export function countParameters(model: ModelSpec): ParameterCounts {
  validateModel(model);
  const d = model.hiddenSize;
  const { moe } = model;
  const numMoeLayers = model.numLayers - model.numDenseLayers;

  const attentionParams = model.numLayers * attentionParamsPerLayer(d, model.attention);
  const denseFfnParams = model.numDenseLayers * 3 * d * model.denseIntermediateSize;
  const paramsPerExpert = 3 * d * moe.expertIntermediateSize;
  const routedExpertParams = numMoeLayers * moe.numRoutedExperts * paramsPerExpert;
  // DeepSeek's config gives n_shared_experts × moe_intermediate_size; one fused FFN of that width has the same count.
  const sharedExpertParams = numMoeLayers * moe.numSharedExperts * paramsPerExpert;
  const routerParams = numMoeLayers * d * moe.numRoutedExperts;
  const embeddingParams = model.vocabSize * d;
  const lmHeadParams = model.tieWordEmbeddings ? 0 : model.vocabSize * d;
  const normParams = 2 * d * model.numLayers + d;

  const totalParams =
    embeddingParams +
    lmHeadParams +
    attentionParams +
    denseFfnParams +
    routerParams +
    sharedExpertParams +
    routedExpertParams +
    normParams;
  const activeRoutedParams = numMoeLayers * moe.numActiveExperts * paramsPerExpert;
  const activeParams = totalParams - routedExpertParams + activeRoutedParams;
  // With tied embeddings the one matrix is also the LM head matmul, so nothing is left out.
  const activeMatmulParams = model.tieWordEmbeddings ? activeParams : activeParams - embeddingParams;

  return {
    embeddingParams,
    lmHeadParams,
    attentionParams,
    denseFfnParams,
    routerParams,
    sharedExpertParams,
    routedExpertParams,
    paramsPerExpert,
    normParams,
    totalParams,
    activeParams,
    activeMatmulParams,
  };
}

/** Projection weights of one attention layer (plus MLA's two low-rank norms). */
export function attentionParamsPerLayer(hiddenSize: number, attention: AttentionSpec): number {
  const d = hiddenSize;
  if (attention.kind === 'gqa') {
    const qWidth = attention.numHeads * attention.headDim;
    const kvWidth = attention.numKvHeads * attention.headDim;
    return d * qWidth + 2 * d * kvWidth + qWidth * d;
  }
  const { numHeads: h, qLoraRank, kvLoraRank, qkNopeHeadDim, qkRopeHeadDim, vHeadDim } = attention;
  const qA = d * qLoraRank;
  const qANorm = qLoraRank;
  const qB = qLoraRank * h * (qkNopeHeadDim + qkRopeHeadDim);
  const kvA = d * (kvLoraRank + qkRopeHeadDim); // the shared rope key is projected with the latent
  const kvANorm = kvLoraRank;
  const kvB = kvLoraRank * h * (qkNopeHeadDim + vHeadDim);
  const o = h * vHeadDim * d;
  return qA + qANorm + qB + kvA + kvANorm + kvB + o;
}

function requirePositiveInteger(value: number, field: string): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${field}: must be a positive integer, got ${value}`);
  }
}

function requireNonNegativeInteger(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${field}: must be a non-negative integer, got ${value}`);
  }
}

function validateModel(model: ModelSpec): void {
  requirePositiveInteger(model.numLayers, 'numLayers');
  requireNonNegativeInteger(model.numDenseLayers, 'numDenseLayers');
  if (model.numDenseLayers > model.numLayers) {
    throw new RangeError(`numDenseLayers: must not exceed numLayers (${model.numLayers}), got ${model.numDenseLayers}`);
  }
  requirePositiveInteger(model.hiddenSize, 'hiddenSize');
  requireNonNegativeInteger(model.denseIntermediateSize, 'denseIntermediateSize');
  if (model.numDenseLayers > 0 && model.denseIntermediateSize === 0) {
    throw new RangeError('denseIntermediateSize: must be positive when numDenseLayers > 0, got 0');
  }
  requirePositiveInteger(model.vocabSize, 'vocabSize');

  const { attention } = model;
  if (attention.kind === 'gqa') {
    requirePositiveInteger(attention.numHeads, 'attention.numHeads');
    requirePositiveInteger(attention.numKvHeads, 'attention.numKvHeads');
    requirePositiveInteger(attention.headDim, 'attention.headDim');
    if (attention.numHeads % attention.numKvHeads !== 0) {
      throw new RangeError(
        `attention.numKvHeads: must divide numHeads (${attention.numHeads}), got ${attention.numKvHeads}`,
      );
    }
  } else if (attention.kind === 'mla') {
    requirePositiveInteger(attention.numHeads, 'attention.numHeads');
    requirePositiveInteger(attention.qLoraRank, 'attention.qLoraRank');
    requirePositiveInteger(attention.kvLoraRank, 'attention.kvLoraRank');
    requirePositiveInteger(attention.qkNopeHeadDim, 'attention.qkNopeHeadDim');
    requirePositiveInteger(attention.qkRopeHeadDim, 'attention.qkRopeHeadDim');
    requirePositiveInteger(attention.vHeadDim, 'attention.vHeadDim');
  } else {
    throw new RangeError(`attention.kind: must be 'gqa' or 'mla', got ${String((attention as { kind: unknown }).kind)}`);
  }

  const { moe } = model;
  requirePositiveInteger(moe.numRoutedExperts, 'moe.numRoutedExperts');
  requirePositiveInteger(moe.numActiveExperts, 'moe.numActiveExperts');
  if (moe.numActiveExperts > moe.numRoutedExperts) {
    throw new RangeError(
      `moe.numActiveExperts: must not exceed numRoutedExperts (${moe.numRoutedExperts}), got ${moe.numActiveExperts}`,
    );
  }
  requireNonNegativeInteger(moe.numSharedExperts, 'moe.numSharedExperts');
  requirePositiveInteger(moe.expertIntermediateSize, 'moe.expertIntermediateSize');
}
