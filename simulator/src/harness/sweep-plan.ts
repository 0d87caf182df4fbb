/**
 * What an engine sweep measures. Plans are plain frozen data so the CLI, the API's calibration job
 * and tests build them the same way; validateSweepPlan throws RangeError('plan.field: reason').
 */
import type { KernelBackendKind } from '../kernels/create-backend.js';
import type { KernelWeightFormat } from '../kernels/kernel-backend.js';
import type { KvCacheFormat } from '../model/kv-cache.js';
import { modelPreset, type ModelPresetName } from '../presets/presets.js';

export interface ExpertVariant {
  readonly expertCount: number;
  readonly topK: number;
}

export interface EngineSweepPlan {
  /** A preset from simulator/src/presets (default 'bench'). */
  readonly model: ModelPresetName;
  readonly formats: readonly KernelWeightFormat[];
  /** INT4 group size. */
  readonly int4GroupSize: 32 | 64;
  readonly kvCacheFormat: KvCacheFormat;
  /** Decode steps: sequences per step. */
  readonly decodeBatchSizes: readonly number[];
  /** Decode steps: tokens already in each sequence's KV cache. */
  readonly contextTokens: readonly number[];
  /** Prefill steps: tokens in one chunk of one sequence, starting at an empty cache. */
  readonly prefillChunkTokens: readonly number[];
  /** Routed experts × top-k to run; the first variant is measured in every format, the rest in `expertVariantFormats`. */
  readonly expertVariants: readonly ExpertVariant[];
  /** Formats in which the extra expert variants run (default: the first format of `formats`). */
  readonly expertVariantFormats?: readonly KernelWeightFormat[];
  readonly warmupSteps: number;
  readonly repeats: number;
  readonly threads: number;
  readonly backend: KernelBackendKind;
  readonly seed: number;
  /** Decode points whose KV cache would exceed this are skipped (and listed as skipped). */
  readonly maxKvCacheBytes: number;
}

const BASE = {
  model: 'bench',
  int4GroupSize: 32,
  kvCacheFormat: 'fp32',
  backend: 'auto',
  seed: 20240301,
  threads: 1,
  maxKvCacheBytes: 2 * 1024 ** 3,
} as const;

/** Under a minute on the bench shape with the native backend: INT8, four batch sizes, one context, one prefill chunk. */
export const QUICK_SWEEP_PLAN: EngineSweepPlan = Object.freeze<EngineSweepPlan>({
  ...BASE,
  formats: ['int8'],
  decodeBatchSizes: [1, 8, 64, 256],
  contextTokens: [128],
  prefillChunkTokens: [128],
  expertVariants: [{ expertCount: 8, topK: 2 }],
  warmupSteps: 1,
  repeats: 3,
});

/** Every format, batch 1 … 256, two contexts, prefill chunks, and E = 16 next to E = 8 at INT8. */
export const FULL_SWEEP_PLAN: EngineSweepPlan = Object.freeze<EngineSweepPlan>({
  ...BASE,
  formats: ['int8', 'int4', 'bf16', 'fp32'],
  decodeBatchSizes: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  contextTokens: [128, 1024],
  prefillChunkTokens: [64, 256],
  expertVariants: [
    { expertCount: 8, topK: 2 },
    { expertCount: 16, topK: 2 },
    { expertCount: 8, topK: 1 },
  ],
  expertVariantFormats: ['int8'],
  warmupSteps: 2,
  repeats: 5,
});

const FORMATS: readonly KernelWeightFormat[] = ['fp32', 'bf16', 'int8', 'int4'];

export function validateSweepPlan(plan: EngineSweepPlan): EngineSweepPlan {
  const shape = modelPreset(plan.model);
  const integers = (values: readonly number[], field: string, min: number, max: number, allowEmpty = false): void => {
    if (!Array.isArray(values) || (!allowEmpty && values.length === 0)) throw new RangeError(`plan.${field}: must be a non-empty array`);
    for (const v of values) if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`plan.${field}: values must be integers from ${min} to ${max}, got ${v}`);
  };
  const formats = (values: readonly KernelWeightFormat[], field: string): void => {
    if (!Array.isArray(values) || values.length === 0) throw new RangeError(`plan.${field}: must be a non-empty array`);
    for (const f of values) if (!FORMATS.includes(f)) throw new RangeError(`plan.${field}: must be among ${FORMATS.join(', ')}, got ${String(f)}`);
  };
  formats(plan.formats, 'formats');
  if (plan.expertVariantFormats !== undefined) formats(plan.expertVariantFormats, 'expertVariantFormats');
  if (plan.int4GroupSize !== 32 && plan.int4GroupSize !== 64) throw new RangeError(`plan.int4GroupSize: must be 32 or 64, got ${String(plan.int4GroupSize)}`);
  if (plan.kvCacheFormat !== 'fp32' && plan.kvCacheFormat !== 'int8') throw new RangeError(`plan.kvCacheFormat: must be fp32 or int8, got ${String(plan.kvCacheFormat)}`);
  integers(plan.decodeBatchSizes, 'decodeBatchSizes', 1, 1024, true);
  integers(plan.contextTokens, 'contextTokens', 0, 131_072, plan.decodeBatchSizes.length === 0);
  integers(plan.prefillChunkTokens, 'prefillChunkTokens', 1, 8192, true);
  if (plan.decodeBatchSizes.length === 0 && plan.prefillChunkTokens.length === 0) throw new RangeError('plan.decodeBatchSizes: a plan needs decode batch sizes or prefill chunks');
  if (!Array.isArray(plan.expertVariants) || plan.expertVariants.length === 0) throw new RangeError('plan.expertVariants: must be a non-empty array');
  plan.expertVariants.forEach((v, i) => {
    if (!Number.isInteger(v.expertCount) || v.expertCount < 1 || v.expertCount > 256) throw new RangeError(`plan.expertVariants[${i}].expertCount: must be an integer from 1 to 256, got ${v.expertCount}`);
    if (!Number.isInteger(v.topK) || v.topK < 1 || v.topK > v.expertCount) throw new RangeError(`plan.expertVariants[${i}].topK: must be an integer from 1 to expertCount (${v.expertCount}), got ${v.topK}`);
  });
  integers([plan.warmupSteps], 'warmupSteps', 0, 100);
  integers([plan.repeats], 'repeats', 1, 1000);
  integers([plan.threads], 'threads', 1, 64);
  integers([plan.seed], 'seed', 0, 0xffffffff);
  if (!['auto', 'native', 'reference'].includes(plan.backend)) throw new RangeError(`plan.backend: must be auto, native or reference, got ${String(plan.backend)}`);
  if (!(plan.maxKvCacheBytes > 0)) throw new RangeError(`plan.maxKvCacheBytes: must be positive, got ${plan.maxKvCacheBytes}`);
  void shape;
  return plan;
}
