import type { ValidationCase } from '../case-types.js';
import { V3 } from './v3-llama-3.3-70b-fp8-2x-h100-tp2.js';
import { V4 } from './v4-qwen3-235b-a22b-fp4-8x-b200-tp8.js';
import { V5 } from './v5-qwen3-30b-a3b-fp4-1x-b200.js';

/**
 * The other five input/output shapes of the same TensorRT-LLM perf-overview tables (same models,
 * GPUs, parallelism and commands as V3–V5; NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md,
 * v1.0 tables). Not in PUBLISHED.md, never used by a fit and not in the recorded median: they are a
 * check of the fitted coefficients on shapes the fit did not see (`npm run validate:fit`).
 */
const SHAPES = [
  [128, 128],
  [128, 4096],
  [500, 2000],
  [1000, 2000],
  [2048, 128],
] as const;

function unfitted(c: ValidationCase, published: readonly number[]): ValidationCase {
  return {
    ...c,
    id: `${c.id}+`,
    title: `${c.title}, shapes outside PUBLISHED.md`,
    figures: SHAPES.map(([promptTokens, outputTokens], i) => ({
      label: `max load ${promptTokens}/${outputTokens}`,
      published: published[i] as number,
      unit: 'output tok/s',
      promptTokens,
      outputTokens,
      phase: 'max-load' as const,
    })),
  };
}

export const TRTLLM_UNFITTED_SHAPES: readonly ValidationCase[] = [
  unfitted(V3, [6378, 4199, 5222, 4146, 762]),
  unfitted(V4, [63362, 39496, 57117, 34105, 7329]),
  unfitted(V5, [39827, 24953, 27817, 22051, 6251]),
];
