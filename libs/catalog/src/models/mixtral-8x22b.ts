import type { ModelSpec } from '../types.js';

/** Transcribed from mistralai/Mixtral-8x22B-v0.1 config.json (copy: shared/validation/configs/mistralai--Mixtral-8x22B-v0.1.json). */
export const MIXTRAL_8X22B: ModelSpec = {
  id: 'mixtral-8x22b',
  name: 'Mixtral 8x22B',
  numLayers: 56, // num_hidden_layers
  numDenseLayers: 0,
  hiddenSize: 6144, // hidden_size
  denseIntermediateSize: 0,
  vocabSize: 32000, // vocab_size (v0.1 base; the v0.3 instruct tokenizer is 32768)
  tieWordEmbeddings: false,
  maxContextTokens: 65536, // max_position_embeddings
  attention: { kind: 'gqa', numHeads: 48, numKvHeads: 8, headDim: 128 }, // head_dim = 6144 / 48
  moe: {
    numRoutedExperts: 8, // num_local_experts
    numActiveExperts: 2, // num_experts_per_tok
    numSharedExperts: 0,
    expertIntermediateSize: 16384, // intermediate_size
  },
  nativeWeightFormat: 'bf16',
  publishedTotalParams: 141e9,
  publishedActiveParams: 39e9,
  publishedActiveCountsEmbedding: true,
  source:
    'Architecture: HF mistralai/Mixtral-8x22B-v0.1 config.json (shared/validation/configs/mistralai--Mixtral-8x22B-v0.1.json). Params: "39B active of 141B", Mistral AI blog "Cheaper, Better, Faster, Stronger" (2024-04-17).',
};
