import type { ModelSpec } from '../types.js';
import { deepFreeze } from '../deep-freeze.js';
import { DEEPSEEK_V3 } from './deepseek-v3.js';
import { KIMI_2024 } from './kimi-2024.js';
import { KIMI_K2 } from './kimi-k2.js';
import { MIXTRAL_8X22B } from './mixtral-8x22b.js';
import { MIXTRAL_8X7B } from './mixtral-8x7b.js';
import { QWEN3_235B_A22B } from './qwen3-235b-a22b.js';
import { QWEN3_30B_A3B } from './qwen3-30b-a3b.js';

export type ModelId =
  | 'mixtral-8x7b'
  | 'mixtral-8x22b'
  | 'deepseek-v3'
  | 'kimi-k2'
  | 'qwen3-30b-a3b'
  | 'qwen3-235b-a22b'
  | 'kimi-2024';

/** All models by id, frozen all the way down. `satisfies` makes a missing id a compile error. */
export const MODEL_CATALOG: Readonly<Record<ModelId, ModelSpec>> = deepFreeze({
  'mixtral-8x7b': MIXTRAL_8X7B,
  'mixtral-8x22b': MIXTRAL_8X22B,
  'deepseek-v3': DEEPSEEK_V3,
  'kimi-k2': KIMI_K2,
  'qwen3-30b-a3b': QWEN3_30B_A3B,
  'qwen3-235b-a22b': QWEN3_235B_A22B,
  'kimi-2024': KIMI_2024,
} satisfies Record<ModelId, ModelSpec>);

const MODEL_LIST: readonly ModelSpec[] = Object.freeze(Object.values(MODEL_CATALOG));

/** The model with this id, or undefined. Own keys only, so 'constructor' or '__proto__' find nothing. */
export function findModel(id: string): ModelSpec | undefined {
  if (typeof id !== 'string') throw new RangeError(`id: must be a string, got ${typeof id}`);
  return Object.hasOwn(MODEL_CATALOG, id) ? MODEL_CATALOG[id as ModelId] : undefined;
}

/** Every model in catalog order. */
export function listModels(): readonly ModelSpec[] {
  return MODEL_LIST;
}
