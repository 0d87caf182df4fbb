/**
 * quantizeInt8PerRow inlines its rounding for speed; this checks it element by element against
 * the definition written out with the exported roundHalfAwayFromZero: scale = fp32(max|x| / 127),
 * q = clamp(roundHalfAway(fp32(x / scale)), ±127), on random rows and on rows built so that x / scale
 * lands exactly on .5 ties (row max 127 → scale 1, values k + 0.5 for k in −127…126).
 */
import { mulberry32 } from '../../../libs/cost/src/index.js';
import { createNativeBackend } from './native-backend.js';
import { quantizeInt8PerRow, roundHalfAwayFromZero } from './quantize.js';

function byDefinition(values: Float32Array, rows: number, cols: number): { q: number[]; scales: number[] } {
  const q: number[] = [];
  const scales: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = Array.from(values.subarray(r * cols, (r + 1) * cols));
    const scale = Math.fround(Math.max(0, ...row.map(Math.abs)) / 127);
    scales.push(scale);
    // `| 0`: an Int8Array stores −0 as 0.
    for (const x of row) q.push(scale === 0 ? 0 : Math.min(127, Math.max(-127, roundHalfAwayFromZero(Math.fround(x / scale)))) | 0);
  }
  return { q, scales };
}

describe('quantizeInt8PerRow against its definition', () => {
  it('TypeScript and native: the same integers and scales on random rows, exact .5 ties and a zero row', () => {
    const rows = 6;
    const cols = 256;
    const next = mulberry32(7);
    const values = Float32Array.from({ length: rows * cols }, () => (next() * 2 - 1) * 0.05);
    for (let c = 0; c < cols; c++) {
      values[c] = c === 0 ? 127 : (c % 254) - 127 + 0.5;
      values[cols + c] = -values[c]!;
      values[2 * cols + c] = 0;
    }
    const actual = quantizeInt8PerRow(values, rows, cols);
    const expected = byDefinition(values, rows, cols);
    expect(Array.from(actual.values)).toEqual(expected.q);
    expect(Array.from(actual.scales)).toEqual(expected.scales);
    const native = createNativeBackend().quantizeInt8PerRow!(values, rows, cols);
    expect(Array.from(native.values)).toEqual(expected.q);
    expect(Array.from(native.scales)).toEqual(expected.scales);
  });
});
