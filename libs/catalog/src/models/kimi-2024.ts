import type { ModelSpec } from '../types.js';

/**
 * ESTIMATE, not a released model. An industry report on Moonshot's 2024 Kimi service describes a
 * MoE of about 150 B total parameters with 16 experts, top-2 routing, GQA and 128 k-200 k context;
 * no config was published. The numbers below are a Mixtral-like design chosen to land at that size:
 *
 *   attention / layer = 6144×6144 (q) + 2×6144×1024 (k, v) + 6144×6144 (o)      =    88.08 M
 *   experts / layer   = 16 × 3 × 6144 × 10240                                    = 3,019.90 M
 *   48 layers ≈ 149.19 B; embedding + LM head = 2 × 163840 × 6144 ≈ 2.01 B → ≈ 151.2 B total
 *   active ≈ 48 × (88.08 M + 2 × 188.74 M) + 2.01 B ≈ 24.4 B
 */
export const KIMI_2024: ModelSpec = {
  id: 'kimi-2024',
  name: 'Kimi (2024 service, estimated architecture)',
  numLayers: 48,
  numDenseLayers: 0,
  hiddenSize: 6144,
  denseIntermediateSize: 0,
  vocabSize: 163840, // assumed: the ~160 k tokenizer Moonshot later published with Kimi K2
  tieWordEmbeddings: false,
  maxContextTokens: 131072, // the report's long-context tier (128 k tokens ≈ 200 k Chinese characters)
  attention: { kind: 'gqa', numHeads: 48, numKvHeads: 8, headDim: 128 },
  moe: {
    numRoutedExperts: 16,
    numActiveExperts: 2,
    numSharedExperts: 0,
    expertIntermediateSize: 10240,
  },
  nativeWeightFormat: 'bf16',
  publishedTotalParams: 150e9,
  publishedActiveParams: 24.4e9,
  publishedActiveCountsEmbedding: true,
  source:
    'ESTIMATE. Industry report on the 2024 Kimi service: ≈150 B total params, 16 experts, top-2, GQA, 128k-200k context. Layer sizes (hidden 6144, 48 layers, expert FFN 10240, GQA 48/8×128, vocab 163840) are a plausible Mixtral-like design chosen to land at ≈150 B; publishedTotalParams is the report\'s ≈150 B; publishedActiveParams (24.4 B) is this design\'s own count, as the report gives none.',
};
