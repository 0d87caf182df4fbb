import { mulberry32 } from '../random/seeded-random.js';
import { percentileSorted, percentilesBySelection } from './percentile.js';

describe('percentiles by selection equal type-7 percentiles of the sorted sample', () => {
  it('worked example: [5, 1, 4, 2, 3] → P10 1.4, P50 3, P90 4.6 (h = 4 × p: 0.4, 2, 3.6)', () => {
    expect(percentilesBySelection(Float64Array.from([5, 1, 4, 2, 3]), [0.1, 0.5, 0.9])).toEqual([1 + 0.4 * 1, 3, 4 + 0.6 * 1].map((x) => expect.closeTo(x, 12)));
  });

  it('bit for bit on seeded samples of many sizes, with ties, sorted and reversed input', () => {
    const random = mulberry32(5);
    const samples: Float64Array[] = [Float64Array.from([7]), Float64Array.from([2, 1])];
    for (const n of [3, 10, 101, 1000, 10_007]) {
      samples.push(Float64Array.from({ length: n }, () => random() * 1e6));
      samples.push(Float64Array.from({ length: n }, () => Math.floor(random() * 5)));
      samples.push(Float64Array.from({ length: n }, (_, i) => i));
      samples.push(Float64Array.from({ length: n }, (_, i) => n - i));
    }
    const ps = [0, 0.1, 0.5, 0.9, 1];
    for (const sample of samples) {
      const sorted = Float64Array.from(sample).sort();
      const expected = ps.map((p) => percentileSorted(sorted, p));
      expect(percentilesBySelection(Float64Array.from(sample), ps)).toEqual(expected);
    }
  });

  it('refuses an empty sample and descending or out-of-range p', () => {
    expect(() => percentilesBySelection(new Float64Array(0), [0.5])).toThrow(/^sample: /);
    expect(() => percentilesBySelection(Float64Array.from([1, 2]), [0.9, 0.1])).toThrow(/^p: /);
    expect(() => percentilesBySelection(Float64Array.from([1, 2]), [1.5])).toThrow(/^p: /);
  });
});
