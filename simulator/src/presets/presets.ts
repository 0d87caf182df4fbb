import { validateModelShape, type MoeModelShape } from './model-shape.js';

function preset(shape: MoeModelShape): MoeModelShape {
  return Object.freeze(validateModelShape(shape));
}

/**
 * The bench shape: a Mixtral-shaped model small enough for two vCPUs yet with active weights per
 * step (≈ 230 M parameters, ≥ 230 MB at INT8) far above the 32 MiB L3, so decode measures DRAM.
 * The shape llama.cpp was measured on (STACK-NOTES: ≈ 82 tokens/s Q8_0 on one thread).
 */
export const BENCH_SHAPE = preset({
  name: 'bench',
  mirrors: 'mixtral-8x7b',
  scaling: 'Mixtral 8x7B with 8 of 32 layers, width 4096 → 1024, expert width 14336 → 3584 (both ÷ 4), 32/8 heads × 128 → 16/4 heads × 64; E = 8, k = 2 and vocab 32 000 kept',
  layers: 8,
  hiddenSize: 1024,
  queryHeads: 16,
  kvHeads: 4,
  headDim: 64,
  expertCount: 8,
  topK: 2,
  expertIntermediateSize: 3584,
  sharedExpertCount: 0,
  sharedExpertIntermediateSize: 0,
  vocabSize: 32_000,
  ropeTheta: 1_000_000,
  rmsNormEpsilon: 1e-5,
});

/** The smallest shape the kernels accept, for tests (the reference backend runs it in milliseconds). */
export const TINY_SHAPE = preset({
  name: 'tiny',
  mirrors: 'none',
  scaling: 'test shape: 2 layers, width 128, 4/2 heads × 32, 4 experts top-2, expert width 256, vocab 512',
  layers: 2,
  hiddenSize: 128,
  queryHeads: 4,
  kvHeads: 2,
  headDim: 32,
  expertCount: 4,
  topK: 2,
  expertIntermediateSize: 256,
  sharedExpertCount: 0,
  sharedExpertIntermediateSize: 0,
  vocabSize: 512,
  ropeTheta: 10_000,
  rmsNormEpsilon: 1e-5,
});

/** TINY_SHAPE with one shared expert, so tests cover the DeepSeek-style path. */
export const TINY_SHARED_SHAPE = preset({
  ...TINY_SHAPE,
  name: 'tiny-shared',
  scaling: 'TINY_SHAPE plus 1 shared expert of width 128, 8 routed experts top-2',
  expertCount: 8,
  sharedExpertCount: 1,
  sharedExpertIntermediateSize: 128,
});

/**
 * Mixtral 8x7B scaled down: routing kept (E = 8, k = 2, GQA 4:1), depth ÷ 8, widths ÷ 8.
 * Catalog: 32 layers, hidden 4096, 32/8 heads × 128, expert width 14336, vocab 32000.
 */
export const MIXTRAL_8X7B_MINI = preset({
  name: 'mixtral-8x7b-mini',
  mirrors: 'mixtral-8x7b',
  scaling: 'layers 32 → 4, hidden 4096 → 512, heads 32/8 × 128 → 8/2 × 64, expert width 14336 → 1792 (÷ 8); E = 8, k = 2, vocab 32000 kept',
  layers: 4,
  hiddenSize: 512,
  queryHeads: 8,
  kvHeads: 2,
  headDim: 64,
  expertCount: 8,
  topK: 2,
  expertIntermediateSize: 1792,
  sharedExpertCount: 0,
  sharedExpertIntermediateSize: 0,
  vocabSize: 32_000,
  ropeTheta: 1_000_000,
  rmsNormEpsilon: 1e-5,
});

/**
 * DeepSeek-V3 scaled down: many fine-grained experts, top-8, one shared expert. The engine runs
 * GQA, so DeepSeek's MLA (KV latent 512 + RoPE 64) is approximated by 2 KV heads × 64 (the same
 * KV bytes per token ratio to width is not kept; the expert structure is what this preset is for).
 * Catalog: 61 layers, hidden 7168, 256 routed experts top-8 of width 2048, 1 shared, vocab 129280.
 */
export const DEEPSEEK_V3_MINI = preset({
  name: 'deepseek-v3-mini',
  mirrors: 'deepseek-v3',
  scaling: 'layers 61 → 4, hidden 7168 → 512 (÷ 14), routed experts 256 → 64 of width 2048 → 192 (÷ 10.7, rounded to 64), top-8 and 1 shared expert kept, MLA → GQA 8/2 × 64, vocab 129280 → 32000',
  layers: 4,
  hiddenSize: 512,
  queryHeads: 8,
  kvHeads: 2,
  headDim: 64,
  expertCount: 64,
  topK: 8,
  expertIntermediateSize: 192,
  sharedExpertCount: 1,
  sharedExpertIntermediateSize: 192,
  vocabSize: 32_000,
  ropeTheta: 10_000,
  rmsNormEpsilon: 1e-6,
});

/**
 * The 2024 Kimi estimate (16 experts top-2, GQA 6:1) scaled down.
 * Catalog: 48 layers, hidden 6144, 48/8 heads × 128, 16 experts top-2 of width 10240, vocab 163840.
 */
export const KIMI_2024_MINI = preset({
  name: 'kimi-2024-mini',
  mirrors: 'kimi-2024',
  scaling: 'layers 48 → 4, hidden 6144 → 768 (÷ 8), heads 48/8 × 128 → 12/2 × 64, expert width 10240 → 1280 (÷ 8); E = 16, k = 2 kept, vocab 163840 → 32000',
  layers: 4,
  hiddenSize: 768,
  queryHeads: 12,
  kvHeads: 2,
  headDim: 64,
  expertCount: 16,
  topK: 2,
  expertIntermediateSize: 1280,
  sharedExpertCount: 0,
  sharedExpertIntermediateSize: 0,
  vocabSize: 32_000,
  ropeTheta: 1_000_000,
  rmsNormEpsilon: 1e-5,
});

export const MODEL_PRESETS = Object.freeze({
  bench: BENCH_SHAPE,
  tiny: TINY_SHAPE,
  'tiny-shared': TINY_SHARED_SHAPE,
  'mixtral-8x7b-mini': MIXTRAL_8X7B_MINI,
  'deepseek-v3-mini': DEEPSEEK_V3_MINI,
  'kimi-2024-mini': KIMI_2024_MINI,
}) satisfies Readonly<Record<string, MoeModelShape>>;

export type ModelPresetName = keyof typeof MODEL_PRESETS;

export function modelPreset(name: string): MoeModelShape {
  const shape = (MODEL_PRESETS as Readonly<Record<string, MoeModelShape>>)[name];
  if (shape === undefined) throw new RangeError(`model: unknown preset "${name}"; one of ${Object.keys(MODEL_PRESETS).join(', ')}`);
  return shape;
}
