/** The five input/output shapes of TensorRT-LLM's perf-overview tables (V3–V5), in table order. */
export const TRTLLM_SHAPES = [
  { promptTokens: 128, outputTokens: 2048 },
  { promptTokens: 1000, outputTokens: 1000 },
  { promptTokens: 2048, outputTokens: 2048 },
  { promptTokens: 5000, outputTokens: 500 },
  { promptTokens: 20000, outputTokens: 2000 },
] as const;

export const TRTLLM_SOURCE =
  'NVIDIA TensorRT-LLM docs/source/performance/perf-overview.md (trtllm-bench, max throughput); shared/validation/PUBLISHED.md';

export const TRTLLM_ASSUMPTIONS = [
  'Engine defaults of TensorRT-LLM: max_batch_size 2 048 (the one scheduler cap used for every max-load case), max_num_tokens 8 192 (prefill chunk), KV cache 0.9 of HBM.',
  'FP8 KV cache (NVIDIA ModelOpt FP8 / NVFP4 checkpoints set kv_cache_quant_algo FP8).',
  'Prefill and decode share the GPUs (no disaggregation); every request reserves its full length of KV.',
];

export function trtllmFigures(published: readonly number[]) {
  return TRTLLM_SHAPES.map((shape, i) => ({
    label: `max load ${shape.promptTokens}/${shape.outputTokens}`,
    published: published[i] as number,
    unit: 'output tok/s',
    promptTokens: shape.promptTokens,
    outputTokens: shape.outputTokens,
    phase: 'max-load' as const,
  }));
}
