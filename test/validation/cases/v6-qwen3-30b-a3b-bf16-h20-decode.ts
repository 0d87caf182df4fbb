import type { ValidationCase } from '../case-types.js';

export const V6_DECODE: ValidationCase = {
  id: 'V6d',
  title: 'Qwen3-30B-A3B BF16 decode on 4 × H20, DP attention + EP4 (SGLang)',
  source:
    'alibaba/InferSim README "Simulation Result" table, actual column (SGLang), setup in example/qwen3-30B-A3B/decode.sh (world size 4, decode batch 100 per GPU, ISL 4 096, OSL 2 048); shared/validation/PUBLISHED.md V6.',
  assumptions: [
    'Mean context 4 096 + 2 048 / 2 = 5 120 tokens.',
    'No EPLB (SGLang default), no two-batch overlap, BF16 all-to-all (no DeepEP flag in the example).',
  ],
  setup: {
    kind: 'expert-parallel-pool',
    phase: 'decode',
    gpu: 'h20',
    model: 'qwen3-30b-a3b',
    weightFormat: 'bf16',
    expertWeightFormat: 'bf16',
    kvCacheFormat: 'bf16',
    expertParallelSize: 4,
    redundantExpertsPerLayer: 0,
    eplb: false,
    twoBatchOverlap: false,
    dispatchBytesPerElement: 2,
    tokensOrSequencesPerGpu: 100,
    meanContextTokens: 5120,
    finalSequenceTokens: 6144,
    figuresPer: 'gpu',
  },
  figures: [{ label: 'decode, batch 100 / GPU', published: 2749, unit: 'output tok/s per GPU', phase: 'decode' }],
};
