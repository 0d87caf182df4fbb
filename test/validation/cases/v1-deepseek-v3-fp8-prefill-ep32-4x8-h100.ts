import type { ValidationCase } from '../case-types.js';

export const V1: ValidationCase = {
  id: 'V1',
  title: 'DeepSeek-V3 FP8, prefill pool 4 nodes × 8 H100, DP attention + EP32 (PD disaggregated)',
  source:
    'LMSYS blog 2025-05-05 "Deploying DeepSeek with PD Disaggregation and Large-scale Expert Parallelism on 96 H100 GPUs" (SGLang), prefill results; shared/validation/PUBLISHED.md V1.',
  assumptions: [
    '16 384 prompt tokens per GPU per step (SGLang prefill token budget of the blog setup); prompts packed whole.',
    'EPLB with 32 redundant experts per layer (288 slots, 9 per GPU), two-batch overlap, DeepEP normal mode with FP8 dispatch.',
    'BF16 KV cache (SGLang default for DeepSeek-V3).',
  ],
  setup: {
    kind: 'expert-parallel-pool',
    phase: 'prefill',
    gpu: 'h100-sxm',
    model: 'deepseek-v3',
    weightFormat: 'fp8',
    expertWeightFormat: 'fp8',
    kvCacheFormat: 'bf16',
    expertParallelSize: 32,
    redundantExpertsPerLayer: 32,
    eplb: true,
    twoBatchOverlap: true,
    dispatchBytesPerElement: 1,
    tokensOrSequencesPerGpu: 16384,
    figuresPer: 'node',
  },
  figures: [
    { label: 'prefill, 1 K prompts', published: 57674, unit: 'input tok/s per node', promptTokens: 1024, phase: 'prefill' },
    { label: 'prefill, 2 K prompts', published: 54543, unit: 'input tok/s per node', promptTokens: 2048, phase: 'prefill' },
    { label: 'prefill, 4 K prompts', published: 50302, unit: 'input tok/s per node', promptTokens: 4096, phase: 'prefill' },
  ],
};
