import type { ModelSpec } from '../types.js';

/** Transcribed from deepseek-ai/DeepSeek-V3 config.json (copy: shared/validation/configs/deepseek-ai--DeepSeek-V3.json). */
export const DEEPSEEK_V3: ModelSpec = {
  id: 'deepseek-v3',
  name: 'DeepSeek-V3',
  numLayers: 61, // num_hidden_layers (the 1 MTP layer, num_nextn_predict_layers, is not part of the 671 B and not modelled)
  numDenseLayers: 3, // first_k_dense_replace
  hiddenSize: 7168, // hidden_size
  denseIntermediateSize: 18432, // intermediate_size
  vocabSize: 129280, // vocab_size
  tieWordEmbeddings: false,
  maxContextTokens: 163840, // max_position_embeddings (YaRN factor 40 over 4096)
  attention: {
    kind: 'mla',
    numHeads: 128, // num_attention_heads
    qLoraRank: 1536, // q_lora_rank
    kvLoraRank: 512, // kv_lora_rank
    qkNopeHeadDim: 128, // qk_nope_head_dim
    qkRopeHeadDim: 64, // qk_rope_head_dim
    vHeadDim: 128, // v_head_dim
  },
  moe: {
    numRoutedExperts: 256, // n_routed_experts
    numActiveExperts: 8, // num_experts_per_tok
    numSharedExperts: 1, // n_shared_experts
    expertIntermediateSize: 2048, // moe_intermediate_size
  },
  nativeWeightFormat: 'fp8', // quantization_config: fp8 e4m3, weight_block_size [128, 128]
  publishedTotalParams: 671e9,
  publishedActiveParams: 37e9,
  publishedActiveCountsEmbedding: true,
  source:
    'Architecture: HF deepseek-ai/DeepSeek-V3 config.json (shared/validation/configs/deepseek-ai--DeepSeek-V3.json). Params: "671B total, 37B activated per token" (main model, MTP module excluded), DeepSeek-V3 Technical Report arXiv:2412.19437.',
};
