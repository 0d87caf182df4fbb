import type { ModelSpec } from '../types.js';

/** Transcribed from Qwen/Qwen3-235B-A22B config.json (copy: shared/validation/configs/Qwen--Qwen3-235B-A22B.json). */
export const QWEN3_235B_A22B: ModelSpec = {
  id: 'qwen3-235b-a22b',
  name: 'Qwen3-235B-A22B',
  numLayers: 94, // num_hidden_layers; mlp_only_layers [] and decoder_sparse_step 1 → every layer is MoE
  numDenseLayers: 0,
  hiddenSize: 4096, // hidden_size
  denseIntermediateSize: 0, // intermediate_size 12288 is unused when every layer is MoE
  vocabSize: 151936, // vocab_size
  tieWordEmbeddings: false,
  maxContextTokens: 40960, // max_position_embeddings (131072 with YaRN per the model card, not modelled)
  attention: { kind: 'gqa', numHeads: 64, numKvHeads: 4, headDim: 128 },
  moe: {
    numRoutedExperts: 128, // num_experts
    numActiveExperts: 8, // num_experts_per_tok
    numSharedExperts: 0,
    expertIntermediateSize: 1536, // moe_intermediate_size
  },
  nativeWeightFormat: 'bf16',
  publishedTotalParams: 235e9,
  publishedActiveParams: 22e9,
  publishedActiveCountsEmbedding: true,
  source:
    'Architecture: HF Qwen/Qwen3-235B-A22B config.json (shared/validation/configs/Qwen--Qwen3-235B-A22B.json). Params: model card "235B in total and 22B activated; 234B non-embedding".',
};
