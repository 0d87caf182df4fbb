import type { ValidationCase } from '../case-types.js';

export const V2: ValidationCase = {
  id: 'V2',
  title: 'DeepSeek-V3 FP8, decode pool 9 nodes × 8 H100, DP attention + EP72 (PD disaggregated)',
  source:
    'LMSYS blog 2025-05-05 "large-scale-ep" (SGLang), decode results: 22 282 output tok/s per node, batch 256 per node, 2 000-token inputs; shared/validation/PUBLISHED.md V2.',
  assumptions: [
    'Batch 256 per node = 32 sequences per GPU, as PUBLISHED.md states it (the blog setup is not re-checked here).',
    'Mean context 2 000 tokens (the input; the output length of the benchmark is short next to it).',
    'EPLB with 32 redundant experts (288 slots = 4 per GPU), two-batch overlap, DeepEP low-latency mode with FP8 dispatch, BF16 KV cache.',
  ],
  setup: {
    kind: 'expert-parallel-pool',
    phase: 'decode',
    gpu: 'h100-sxm',
    model: 'deepseek-v3',
    weightFormat: 'fp8',
    expertWeightFormat: 'fp8',
    kvCacheFormat: 'bf16',
    expertParallelSize: 72,
    redundantExpertsPerLayer: 32,
    eplb: true,
    twoBatchOverlap: true,
    dispatchBytesPerElement: 1,
    tokensOrSequencesPerGpu: 32,
    meanContextTokens: 2000,
    figuresPer: 'node',
  },
  figures: [{ label: 'decode, 2 K input', published: 22282, unit: 'output tok/s per node', phase: 'decode' }],
};
