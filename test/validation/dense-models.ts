import type { ModelSpec } from '../../libs/catalog/src/index.js';

/**
 * Dense Llama models that two validation sources measured (V3, K1, K2). Not catalog presets: capsim
 * serves MoE models; they live here so the validation cases can state their deployments.
 * A dense model is a ModelSpec whose every layer is dense (numDenseLayers = numLayers): the MoE
 * block then holds no parameters (0 MoE layers), and its placeholder sizes below are never used.
 */
const NO_MOE = { numRoutedExperts: 1, numActiveExperts: 1, numSharedExperts: 0, expertIntermediateSize: 1 } as const;

/** HF meta-llama/Llama-3.3-70B-Instruct config.json. */
export const LLAMA_3_3_70B: ModelSpec = {
  id: 'llama-3.3-70b',
  name: 'Llama-3.3-70B-Instruct',
  numLayers: 80, // num_hidden_layers
  numDenseLayers: 80,
  hiddenSize: 8192, // hidden_size
  denseIntermediateSize: 28672, // intermediate_size
  vocabSize: 128256, // vocab_size
  tieWordEmbeddings: false,
  maxContextTokens: 131072, // max_position_embeddings
  attention: { kind: 'gqa', numHeads: 64, numKvHeads: 8, headDim: 128 },
  moe: NO_MOE,
  nativeWeightFormat: 'bf16',
  // HF model page: "70.6B params" (safetensors metadata 70,553,706,496).
  publishedTotalParams: 70.6e9,
  publishedActiveParams: 70.6e9,
  publishedActiveCountsEmbedding: true,
  source: 'HF meta-llama/Llama-3.3-70B-Instruct config.json; parameter count from the HF model page (70.6B).',
};

/** HF meta-llama/Llama-2-70b-hf config.json (the model vidur profiled, K1/K2). */
export const LLAMA_2_70B: ModelSpec = {
  id: 'llama-2-70b',
  name: 'Llama-2-70B',
  numLayers: 80,
  numDenseLayers: 80,
  hiddenSize: 8192,
  denseIntermediateSize: 28672,
  vocabSize: 32000,
  tieWordEmbeddings: false,
  maxContextTokens: 4096,
  attention: { kind: 'gqa', numHeads: 64, numKvHeads: 8, headDim: 128 },
  moe: NO_MOE,
  nativeWeightFormat: 'bf16',
  // HF safetensors metadata: 68,976,648,192 parameters ("70B").
  publishedTotalParams: 68.98e9,
  publishedActiveParams: 68.98e9,
  publishedActiveCountsEmbedding: true,
  source: 'HF meta-llama/Llama-2-70b-hf config.json; 68.98 B parameters (safetensors metadata).',
};
