import type { GpuSpec } from '../types.js';
import { deepFreeze } from '../deep-freeze.js';
import { A100_40GB } from './a100-40gb.js';
import { A100_80GB } from './a100-80gb.js';
import { B200 } from './b200.js';
import { H100_SXM } from './h100-sxm.js';
import { H20 } from './h20.js';
import { H200 } from './h200.js';
import { H800 } from './h800.js';
import { L40S } from './l40s.js';

export type GpuId = 'a100-40gb' | 'a100-80gb' | 'h100-sxm' | 'h800' | 'h20' | 'h200' | 'l40s' | 'b200';

/** All GPUs by id, frozen all the way down. `satisfies` makes a missing id a compile error. */
export const GPU_CATALOG: Readonly<Record<GpuId, GpuSpec>> = deepFreeze({
  'a100-40gb': A100_40GB,
  'a100-80gb': A100_80GB,
  'h100-sxm': H100_SXM,
  h800: H800,
  h20: H20,
  h200: H200,
  l40s: L40S,
  b200: B200,
} satisfies Record<GpuId, GpuSpec>);

const GPU_LIST: readonly GpuSpec[] = Object.freeze(Object.values(GPU_CATALOG));

/** The GPU with this id, or undefined. Own keys only, so 'constructor' or '__proto__' find nothing. */
export function findGpu(id: string): GpuSpec | undefined {
  if (typeof id !== 'string') throw new RangeError(`id: must be a string, got ${typeof id}`);
  return Object.hasOwn(GPU_CATALOG, id) ? GPU_CATALOG[id as GpuId] : undefined;
}

/** Every GPU in catalog order (Ampere, Hopper, Ada, Blackwell). */
export function listGpus(): readonly GpuSpec[] {
  return GPU_LIST;
}
