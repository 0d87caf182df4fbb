/** Builds small seeded models for the engine's tests (reference backend unless one is given). */
import type { KernelBackend, KernelWeightFormat } from '../kernels/kernel-backend.js';
import { createReferenceBackend } from '../kernels/reference-backend.js';
import { MoeModel, type MoeModelOptions } from '../model/moe-model.js';
import type { MoeModelShape } from '../presets/model-shape.js';
import { TINY_SHAPE } from '../presets/presets.js';
import { generateModelWeights } from '../weights/generate-weights.js';

export function tinyModel(
  options: MoeModelOptions & { readonly format?: KernelWeightFormat; readonly seed?: number; readonly shape?: MoeModelShape; readonly backend?: KernelBackend } = {},
): MoeModel {
  const backend = options.backend ?? createReferenceBackend();
  const weights = generateModelWeights(options.shape ?? TINY_SHAPE, backend, { seed: options.seed ?? 7, format: options.format ?? 'fp32' });
  return new MoeModel(weights, backend, options);
}

/** Greedy decode of one sequence alone: prefill the prompt in one step, then one token per step. */
export function greedyDecodeAlone(model: MoeModel, prompt: readonly number[], newTokens: number): number[] {
  const cache = model.createCache(prompt.length + newTokens);
  const vocab = model.shape.vocabSize;
  const out: number[] = [];
  let result = model.step([{ cache, tokens: prompt, logits: 'last' }]);
  for (let i = 0; i < newTokens; i++) {
    let best = 0;
    for (let v = 1; v < vocab; v++) if (result.logits[v]! > result.logits[best]!) best = v;
    out.push(best);
    if (i + 1 < newTokens) result = model.step([{ cache, tokens: [best], logits: 'last' }]);
  }
  return out;
}

export function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
