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
  'No max_batch_size / max_num_tokens given (the perf-overview commands pass none): trtllm-bench derives both per shape from its own KV estimate (tensorrt_llm/bench/build/tuning.py, restated in test/validation/trtllm-bench-settings.ts); max_num_tokens is the prefill chunk. KV cache 0.9 of HBM (the default; the page says 0.95 was used "in many cases", not which).',
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
