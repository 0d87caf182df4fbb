import { sweepPointCount } from './parameter-space.js';
import { mulberry32 } from '../../cost/src/index.js';
import { sweepSloTargets } from './slo-headroom.js';
import type { SweepChunk, SweepSpec } from './types.js';

/**
 * `samples` distinct integers from [0, pointCount), ascending, drawn with Floyd's algorithm
 * (each subset equally likely, O(samples) draws whatever the grid size).
 */
export function sampleDistinctIndices(pointCount: number, samples: number, seed: number): number[] {
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`search.samples: must be a positive integer, got ${samples}`);
  if (samples > pointCount) throw new RangeError(`search.samples: must not exceed the ${pointCount} points of the grid, got ${samples}`);
  const random = mulberry32(seed);
  const chosen = new Set<number>();
  for (let j = pointCount - samples; j < pointCount; j++) {
    const t = Math.floor(random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Indices of the points a sweep evaluates: the whole grid, or a seeded sample of it. */
export function sweepPointIndices(spec: SweepSpec): number[] {
  const pointCount = sweepPointCount(spec.space);
  if (spec.search.mode === 'grid') return Array.from({ length: pointCount }, (_, i) => i);
  return sampleDistinctIndices(pointCount, spec.search.samples, spec.search.seed);
}

/** Splits a sweep into self-contained chunks of at most `pointsPerChunk` points, in index order. */
export function planSweepChunks(spec: SweepSpec): SweepChunk[] {
  if (!Number.isInteger(spec.pointsPerChunk) || spec.pointsPerChunk < 1) {
    throw new RangeError(`pointsPerChunk: must be a positive integer, got ${spec.pointsPerChunk}`);
  }
  sweepSloTargets(spec.base); // fail at submission, not in every chunk
  const indices = sweepPointIndices(spec);
  const chunks: SweepChunk[] = [];
  for (let start = 0; start < indices.length; start += spec.pointsPerChunk) {
    chunks.push({ base: spec.base, space: spec.space, pointIndices: indices.slice(start, start + spec.pointsPerChunk) });
  }
  return chunks;
}
