/** Builds small seeded models for the engine's tests (reference backend unless one is given). */
import type { KernelBackend, KernelWeightFormat } from '../kernels/kernel-backend.js';
import { createReferenceBackend } from '../kernels/reference-backend.js';
import type { SequenceKvCache } from '../model/kv-cache.js';
import { MoeModel, type MoeModelOptions, type StepSegment } from '../model/moe-model.js';
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

export interface PrefillThenDecodeRecord {
  /** Each step's logits, copied out of the model's buffer. */
  readonly logits: Buffer[];
  readonly routing: unknown[];
  readonly accounting: unknown[];
  /** Every sequence's KV cache at the end (keys, values and scales of every layer), as bytes. */
  readonly caches: Buffer[];
}

function bytesOf(values: ArrayBufferView): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * What two paths of the engine are compared on, bit for bit: one step with every prompt at once
 * (several segments, several rows each), then `decodeSteps` steps of one token per sequence at
 * positions > 0 (tokens chosen by a fixed rule, not sampled, so both paths see the same inputs).
 */
export function recordPrefillThenDecode(model: MoeModel, prompts: readonly (readonly number[])[], decodeSteps: number): PrefillThenDecodeRecord {
  const caches = prompts.map((p) => model.createCache(p.length + decodeSteps + 1));
  const out = { logits: [] as Buffer[], routing: [] as unknown[], accounting: [] as unknown[] };
  let segments: StepSegment[] = prompts.map((tokens, s) => ({ cache: caches[s]!, tokens, logits: 'all' }));
  for (let step = 0; step <= decodeSteps; step++) {
    const result = model.step(segments);
    out.logits.push(Buffer.from(bytesOf(result.logits)));
    out.routing.push(result.routedExperts);
    out.accounting.push(result.accounting);
    segments = caches.map((cache, s) => ({ cache, tokens: [(step * 37 + s * 101) % model.shape.vocabSize], logits: 'last' }));
  }
  const cacheBytes = (cache: SequenceKvCache): Buffer =>
    Buffer.concat([...cache.keys, ...cache.values, ...cache.keyScales, ...cache.valueScales].map((a) => Buffer.from(bytesOf(a))));
  return { ...out, caches: caches.map(cacheBytes) };
}
