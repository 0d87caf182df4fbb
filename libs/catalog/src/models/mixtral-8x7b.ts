import type { ModelSpec } from '../types.js';

/** Transcribed from mistralai/Mixtral-8x7B-v0.1 config.json (copy: shared/validation/configs/mistralai--Mixtral-8x7B-v0.1.json). */
export const MIXTRAL_8X7B: ModelSpec = {
  id: 'mixtral-8x7b',
  name: 'Mixtral 8x7B',
  numLayers: 32, // num_hidden_layers
  numDenseLayers: 0,
  hiddenSize: 4096, // hidden_size
  denseIntermediateSize: 0,
  vocabSize: 32000, // vocab_size
  tieWordEmbeddings: false,
  maxContextTokens: 32768, // max_position_embeddings
  attention: { kind: 'gqa', numHeads: 32, numKvHeads: 8, headDim: 128 }, // head_dim = 4096 / 32
  moe: {
    numRoutedExperts: 8, // num_local_experts
    numActiveExperts: 2, // num_experts_per_tok
    numSharedExperts: 0,
    expertIntermediateSize: 14336, // intermediate_size (each expert is a full SwiGLU FFN)
  },
  nativeWeightFormat: 'bf16', // torch_dtype
  publishedTotalParams: 46.7e9,
  publishedActiveParams: 12.9e9,
  publishedActiveCountsEmbedding: true,
  source:
    'Architecture: HF mistralai/Mixtral-8x7B-v0.1 config.json (shared/validation/configs/mistralai--Mixtral-8x7B-v0.1.json). Params: "46.7B total, 12.9B active per token", Mistral AI blog "Mixtral of experts" (2023-12-11) and arXiv:2401.04088.',
};
