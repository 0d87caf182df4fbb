import type { ModelSpec } from '../types.js';

/** Transcribed from Qwen/Qwen3-30B-A3B config.json (copy: shared/validation/configs/Qwen--Qwen3-30B-A3B.json). */
export const QWEN3_30B_A3B: ModelSpec = {
  id: 'qwen3-30b-a3b',
  name: 'Qwen3-30B-A3B',
  numLayers: 48, // num_hidden_layers; mlp_only_layers [] and decoder_sparse_step 1 → every layer is MoE
  numDenseLayers: 0,
  hiddenSize: 2048, // hidden_size
  denseIntermediateSize: 0, // intermediate_size 6144 is unused when every layer is MoE
  vocabSize: 151936, // vocab_size
  tieWordEmbeddings: false,
  maxContextTokens: 40960, // max_position_embeddings (131072 with YaRN per the model card, not modelled)
  attention: { kind: 'gqa', numHeads: 32, numKvHeads: 4, headDim: 128 }, // head_dim 128 (q width 4096 ≠ hidden 2048)
  moe: {
    numRoutedExperts: 128, // num_experts
    numActiveExperts: 8, // num_experts_per_tok
    numSharedExperts: 0,
    expertIntermediateSize: 768, // moe_intermediate_size
  },
  nativeWeightFormat: 'bf16',
  publishedTotalParams: 30.5e9,
  publishedActiveParams: 3.3e9,
  publishedActiveCountsEmbedding: true,
  source:
    'Architecture: HF Qwen/Qwen3-30B-A3B config.json (shared/validation/configs/Qwen--Qwen3-30B-A3B.json). Params: model card "30.5B in total and 3.3B activated; 29.9B non-embedding".',
};
