/**
 * The native backend's optional attention and SwiGLU against the model's TypeScript loops (the
 * oracle), on random inputs: GQA 16/4 × 64 (the bench shape) and 4/2 × 32 (tiny), FP32 and INT8
 * KV caches filled through SequenceKvCache.write (so INT8 values and scales are the real ones),
 * contexts 1, 17, 130 (not multiples of 16), a 37-token prefill from position 0 and a 13-token
 * chunk at position 50, all in one batch.
 *
 * Tolerance, attention: max |native − TypeScript| ≤ 1e-5 × max |TypeScript| over the output. Both
 * read the same FP32 (or INT8 × scale) operands; the TypeScript loops sum in double, the native
 * kernel in FP32 with FMA over 64 terms and a 1-ulp exp, so each output differs by a few FP32 ulps
 * (≈ 1e-7 relative) — 1e-5 leaves room for cancellation in a weighted sum of values.
 * SwiGLU: per element |native − TypeScript| ≤ 1e-6 × |TypeScript| + 1e-30 (exp within ~2 ulps,
 * then one division and one product in FP32).
 * Threads: each (sequence, KV head) is computed whole by one thread, so 1 and 2 threads agree bit for bit.
 */
import { mulberry32 } from '../../../libs/cost/src/index.js';
import { attendBatchTypeScript } from '../model/attention.js';
import { SequenceKvCache, type KvCacheFormat } from '../model/kv-cache.js';
import type { AttentionBatch, AttentionSegmentInput } from './kernel-backend.js';
import { createNativeBackend } from './native-backend.js';

const SEGMENTS = [
  { start: 0, length: 1 },
  { start: 16, length: 1 },
  { start: 129, length: 1 },
  { start: 0, length: 37 },
  { start: 50, length: 13 },
];
const GEOMETRIES = [
  { queryHeads: 16, kvHeads: 4, headDim: 64 },
  { queryHeads: 4, kvHeads: 2, headDim: 32 },
];

function randomValues(count: number, next: () => number, scale: number): Float32Array {
  return Float32Array.from({ length: count }, () => (next() * 2 - 1) * scale);
}

function makeBatch(format: KvCacheFormat, geometry: (typeof GEOMETRIES)[number], seed: number): AttentionBatch {
  const { queryHeads, kvHeads, headDim } = geometry;
  const next = mulberry32(seed);
  const qkvWidth = (queryHeads + 2 * kvHeads) * headDim;
  const rows = SEGMENTS.reduce((sum, s) => sum + s.length, 0);
  // Queries and keys of magnitude ≈ 2: scores q·k/8 spread over several units, so softmax is neither flat nor one-hot.
  const qkv = randomValues(rows * qkvWidth, next, 2);
  const segments: AttentionSegmentInput[] = [];
  let row = 0;
  for (const { start, length } of SEGMENTS) {
    const cache = new SequenceKvCache({ layers: 1, kvHeads, headDim, format }, start + length);
    const kvWidth = kvHeads * headDim;
    for (let p = 0; p < start; p++) cache.write(0, p, randomValues(kvWidth, next, 2), 0, randomValues(kvWidth, next, 1), 0);
    for (let i = 0; i < length; i++) {
      const base = (row + i) * qkvWidth + queryHeads * headDim;
      cache.write(0, start + i, qkv, base, qkv, base + kvWidth);
    }
    segments.push(
      format === 'int8'
        ? { row, start, length, keys: cache.keys[0]!, values: cache.values[0]!, keyScales: cache.keyScales[0]!, valueScales: cache.valueScales[0]! }
        : { row, start, length, keys: cache.keys[0]!, values: cache.values[0]! },
    );
    row += length;
  }
  return { qkv, output: new Float32Array(rows * queryHeads * headDim), queryHeads, kvHeads, headDim, segments };
}

function relativeError(actual: Float32Array, expected: Float32Array): number {
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < expected.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(actual[i]! - expected[i]!));
    maxRef = Math.max(maxRef, Math.abs(expected[i]!));
  }
  return maxDiff / maxRef;
}

describe('native attention and SwiGLU against the TypeScript loops', () => {
  const one = createNativeBackend({ threads: 1 });
  const two = createNativeBackend({ threads: 2 });

  for (const format of ['fp32', 'int8'] as const) {
    for (const geometry of GEOMETRIES) {
      it(`${format} KV, ${geometry.queryHeads}/${geometry.kvHeads} heads × ${geometry.headDim}: within 1e-5 of TypeScript, 1 and 2 threads identical`, () => {
        const batch = makeBatch(format, geometry, 11);
        const expected = new Float32Array(batch.output.length);
        attendBatchTypeScript({ ...batch, output: expected });
        const single = new Float32Array(batch.output.length);
        one.attend!({ ...batch, output: single });
        const double = new Float32Array(batch.output.length);
        two.attend!({ ...batch, output: double });
        expect(relativeError(single, expected)).toBeLessThanOrEqual(1e-5);
        expect(Array.from(double)).toEqual(Array.from(single));
      });
    }
  }

  it('SwiGLU: silu(gate) × up within 1e-6 relative per element, over a width that is not a multiple of 16', () => {
    const rows = 5;
    const width = 100;
    const gateUp = randomValues(rows * 2 * width, mulberry32(3), 20);
    const expected = new Float32Array(rows * width);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < width; c++) {
        const gate = gateUp[r * 2 * width + c]!;
        expected[r * width + c] = (gate / (1 + Math.exp(-gate))) * gateUp[r * 2 * width + width + c]!;
      }
    }
    const actual = new Float32Array(rows * width);
    two.swiglu!(gateUp, rows, width, actual);
    for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(1e-6 * Math.abs(expected[i]!) + 1e-30);
  });
});
