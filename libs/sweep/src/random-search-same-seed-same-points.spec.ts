import { sampleDistinctIndices, sweepPointIndices } from './plan.js';
import { mulberry32 } from '../../cost/src/index.js';

/** Reproducibility is a promise of the job system: the same inputs and seed give the same result. */
describe('seeded random search over a 10 000-point grid', () => {
  it('draws the same 50 distinct, sorted, in-range indices for the same seed', () => {
    const first = sampleDistinctIndices(10_000, 50, 42);
    const again = sampleDistinctIndices(10_000, 50, 42);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(50);
    expect(first.every((i, k) => Number.isInteger(i) && i >= 0 && i < 10_000 && (k === 0 || i > first[k - 1]!))).toBe(true);
  });

  it('draws different points for a different seed', () => {
    expect(sampleDistinctIndices(10_000, 50, 43)).not.toEqual(sampleDistinctIndices(10_000, 50, 42));
  });

  it('takes the whole grid when samples equal its size (Floyd never repeats)', () => {
    expect(sampleDistinctIndices(6, 6, 7)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses more samples than points, naming the field', () => {
    expect(() => sampleDistinctIndices(6, 7, 1)).toThrow('search.samples: must not exceed the 6 points of the grid, got 7');
  });

  it('uses the grid mode as the identity', () => {
    const base = { model: 'm', gpu: 'g', quantization: { weights: 'bf16', kvCache: 'bf16' } } as const;
    expect(sweepPointIndices({ base, space: { tensorParallelSizes: [1, 2, 4] }, search: { mode: 'grid' }, pointsPerChunk: 1 })).toEqual([0, 1, 2]);
  });

  it('has a generator whose values are uniform enough: the mean of 10 000 draws is 0.5 within 0.01 (σ/√n = 0.289/100 ≈ 0.003)', () => {
    const random = mulberry32(2024);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += random();
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.01);
  });
});
