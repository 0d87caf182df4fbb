import type { ModelSpec } from '../types.js';

/** Transcribed from moonshotai/Kimi-K2-Instruct config.json (copy: shared/validation/configs/moonshotai--Kimi-K2-Instruct.json). */
export const KIMI_K2: ModelSpec = {
  id: 'kimi-k2',
  name: 'Kimi K2',
  numLayers: 61, // num_hidden_layers
  numDenseLayers: 1, // first_k_dense_replace
  hiddenSize: 7168, // hidden_size
  denseIntermediateSize: 18432, // intermediate_size
  vocabSize: 163840, // vocab_size
  tieWordEmbeddings: false,
  maxContextTokens: 131072, // max_position_embeddings
  attention: {
    kind: 'mla',
    numHeads: 64, // num_attention_heads
    qLoraRank: 1536, // q_lora_rank
    kvLoraRank: 512, // kv_lora_rank
    qkNopeHeadDim: 128, // qk_nope_head_dim
    qkRopeHeadDim: 64, // qk_rope_head_dim
    vHeadDim: 128, // v_head_dim
  },
  moe: {
    numRoutedExperts: 384, // n_routed_experts
    numActiveExperts: 8, // num_experts_per_tok
    numSharedExperts: 1, // n_shared_experts
    expertIntermediateSize: 2048, // moe_intermediate_size
  },
  nativeWeightFormat: 'fp8', // quantization_config: fp8 e4m3, weight_block_size [128, 128]
  publishedTotalParams: 1.04e12,
  publishedActiveParams: 32e9,
  publishedActiveCountsEmbedding: false,
  source:
    'Architecture: HF moonshotai/Kimi-K2-Instruct config.json (shared/validation/configs/moonshotai--Kimi-K2-Instruct.json). Params: model card says "1T total, 32B activated"; the Kimi K2 technical report (arXiv:2507.20534) gives 1.04 trillion total, used here. Moonshot\'s 32B appears to exclude the embedding table (see parameter-count tests).',
};
