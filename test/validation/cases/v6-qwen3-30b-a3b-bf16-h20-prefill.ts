import type { ValidationCase } from '../case-types.js';

export const V6_PREFILL: ValidationCase = {
  id: 'V6p',
  title: 'Qwen3-30B-A3B BF16 prefill on 1 × H20 (SGLang)',
  source:
    'alibaba/InferSim README "Simulation Result" table, actual column (SGLang), setup in example/qwen3-30B-A3B/prefill.sh (world size 1, max-prefill-tokens 16 384); shared/validation/PUBLISHED.md V6.',
  assumptions: [
    'Prompts of 4 096 tokens (InferSim default target ISL), four packed into each 16 384-token prefill step.',
  ],
  setup: {
    kind: 'replica',
    gpu: 'h20',
    model: 'qwen3-30b-a3b',
    weightFormat: 'bf16',
    expertWeightFormat: 'bf16',
    kvCacheFormat: 'bf16',
    tensorParallelSize: 1,
    expertParallel: false,
    prefillChunkTokens: 16384,
    figuresPer: 'gpu',
  },
  figures: [{ label: 'prefill, 4 K prompts', published: 16594, unit: 'input tok/s per GPU', promptTokens: 4096, phase: 'prefill' }],
};
