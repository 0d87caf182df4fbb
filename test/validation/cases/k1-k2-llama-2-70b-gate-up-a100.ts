import type { ValidationCase } from '../case-types.js';

/** Llama-2-70B gate+up fused projection at TP4: n = 2 × 28 672 / 4 = 14 336 outputs, k = 8 192 inputs. */
export const K1_K2: ValidationCase = {
  id: 'K1-K2',
  title: 'Llama-2-70B fused gate+up GEMM, TP4 shard, A100-80GB BF16 (kernel)',
  source:
    'microsoft/vidur data/profiling/compute/a100/meta-llama/Llama-2-70b-hf/mlp.csv (mlp_up_proj, num_tensor_parallel_workers 4); shared/validation/PUBLISHED.md K1, K2.',
  assumptions: ['Kernel time only: no step overhead, no communication.'],
  setup: { kind: 'gemm', gpu: 'a100-80gb', n: 14336, k: 8192, weightFormat: 'bf16' },
  figures: [
    { label: 'K1 GEMM, 1 token', published: 0.15e-3, unit: 's', tokens: 1 },
    { label: 'K2 GEMM, 4 096 tokens', published: 3.835e-3, unit: 's', tokens: 4096 },
  ],
};
