import type { ScenarioSpec } from '../../cost/src/index.js';
import { applySweepPoint } from './apply-point.js';
import { sweepPointAt, sweepPointCount } from './parameter-space.js';
import { planSweepChunks } from './plan.js';
import type { SweepParameterSpace } from './types.js';

/** A typical capacity question: which GPU, which format, how many GPUs per replica? 3 × 2 × 4 = 24 configurations. */
const space: SweepParameterSpace = {
  gpuIds: ['a100-80gb', 'h100-sxm', 'h20'],
  quantizations: [
    { weights: 'bf16', kvCache: 'bf16' },
    { weights: 'int8-w8a16', kvCache: 'bf16' },
  ],
  tensorParallelSizes: [1, 2, 4, 8],
};
const base: ScenarioSpec = {
  model: 'mixtral-8x7b',
  gpu: 'a100-80gb',
  quantization: { weights: 'bf16', kvCache: 'bf16' },
  deployment: { maxBatchSequences: 128 },
  slo: { ttftSeconds: 2, tpotSeconds: 0.05 },
};

describe('grid of 3 GPUs × 2 formats × 4 TP sizes', () => {
  it('has 24 points', () => {
    expect(sweepPointCount(space)).toBe(3 * 2 * 4);
  });

  it('varies the last axis fastest (mixed radix): point 13 = gpu 13 div 8 = 1, format (13 div 4) mod 2 = 1, TP 13 mod 4 = 1', () => {
    expect(sweepPointAt(space, 13)).toEqual({ gpuId: 'h100-sxm', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' }, tensorParallelSize: 2 });
    expect(sweepPointAt(space, 0)).toEqual({ gpuId: 'a100-80gb', quantization: { weights: 'bf16', kvCache: 'bf16' }, tensorParallelSize: 1 });
    expect(sweepPointAt(space, 23)).toEqual({ gpuId: 'h20', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' }, tensorParallelSize: 8 });
  });

  it('rejects an index outside the grid, naming the field', () => {
    expect(() => sweepPointAt(space, 24)).toThrow('pointIndex: must be an integer from 0 to 23, got 24');
  });

  it('puts a point into the base scenario without losing the base deployment', () => {
    const spec = applySweepPoint(base, sweepPointAt(space, 13));
    expect(spec.gpu).toBe('h100-sxm');
    expect(spec.quantization).toEqual({ weights: 'int8-w8a16', kvCache: 'bf16' });
    expect(spec.deployment).toEqual({ maxBatchSequences: 128, tensorParallelSize: 2 });
    expect(base.deployment).toEqual({ maxBatchSequences: 128 });
  });

  it('splits into chunks of 10, 10 and 4 covering every index once', () => {
    const chunks = planSweepChunks({ base, space, search: { mode: 'grid' }, pointsPerChunk: 10 });
    expect(chunks.map((c) => c.pointIndices.length)).toEqual([10, 10, 4]);
    expect(chunks.flatMap((c) => c.pointIndices)).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  it('refuses an empty axis and a base without explicit SLO targets', () => {
    expect(() => sweepPointCount({ ...space, tensorParallelSizes: [] })).toThrow('parameters.tensorParallelSizes: must list at least one value');
    expect(() => planSweepChunks({ base: { ...base, slo: { ttftSeconds: 2 } }, space, search: { mode: 'grid' }, pointsPerChunk: 10 })).toThrow(/^base\.slo\.tpotSeconds: /);
  });
});
