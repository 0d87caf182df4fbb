/**
 * The native AVX-512 backend against the TypeScript oracle, every format, on random shapes that
 * exercise the row tail (rows not a multiple of 16), token tails (n = 1, 3, 17, 64 against tiles
 * of 6 tokens), several K passes (cols 512 > the fp32 tile's 256-column pass) and the decode split
 * (n ≤ 6: the 14 blocks of 213 rows cut into 4 streams of 4 blocks, so tiles of 4, 4, 3 and 3
 * blocks 4 apart, the last block holding 213 − 13 × 16 = 5 rows).
 *
 * Tolerance: max |native − reference| ≤ tol × max |reference| over the output.
 * - int8, int4: the INT32 dot products are exact and the activation quantization is the same
 *   FP32 arithmetic in both, so only the FP32 epilogue rounds: tol 1e-5.
 * - fp32: FMA accumulation in FP32 (k ascending) against a double-precision sum: tol 1e-5.
 * - bf16: same BF16 inputs, FP32 accumulation in vdpbf16ps pairs: tol 1e-3.
 * This spec needs the addon (npm install builds it); the fallback has its own spec.
 */
import { mulberry32 } from '../../../libs/cost/src/index.js';
import type { KernelBackend, KernelWeightFormat } from './kernel-backend.js';
import { createNativeBackend } from './native-backend.js';
import { toWeightMatrix } from './quantize.js';
import { createReferenceBackend } from './reference-backend.js';

const TOLERANCE: Record<KernelWeightFormat, number> = { fp32: 1e-5, bf16: 1e-3, int8: 1e-5, int4: 1e-5 };
const FORMATS: KernelWeightFormat[] = ['fp32', 'bf16', 'int8', 'int4'];
const SHAPES = [
  { rows: 37, cols: 64 },
  { rows: 130, cols: 512 },
  { rows: 16, cols: 1088 },
  { rows: 213, cols: 128 },
];
const TOKEN_COUNTS = [1, 3, 17, 64];

function randomValues(count: number, seed: number, scale = 1): Float32Array {
  const next = mulberry32(seed);
  return Float32Array.from({ length: count }, () => (next() * 2 - 1) * scale);
}

function relativeError(actual: Float32Array, expected: Float32Array): number {
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < expected.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(actual[i]! - expected[i]!));
    maxRef = Math.max(maxRef, Math.abs(expected[i]!));
  }
  return maxRef === 0 ? maxDiff : maxDiff / maxRef;
}

describe('native AVX-512 kernels match the TypeScript reference', () => {
  const reference = createReferenceBackend();
  let native: KernelBackend;
  let nativeTwoThreads: KernelBackend;
  beforeAll(() => {
    native = createNativeBackend({ threads: 1 });
    nativeTwoThreads = createNativeBackend({ threads: 2 });
  });
  afterAll(() => {
    native.dispose?.();
    nativeTwoThreads.dispose?.();
  });

  for (const format of FORMATS) {
    for (const { rows, cols } of SHAPES) {
      it(`${format} ${rows}×${cols} for n = ${TOKEN_COUNTS.join(', ')} within ${TOLERANCE[format]}`, () => {
        const matrix = toWeightMatrix(format, randomValues(rows * cols, rows * 7919 + cols), rows, cols, cols % 64 === 0 && rows % 2 ? 64 : 32);
        const fromReference = reference.pack(matrix);
        const fromNative = native.pack(matrix);
        expect(fromNative.weightBytes).toBe(fromReference.weightBytes);
        for (const n of TOKEN_COUNTS) {
          const x = randomValues(n * cols, n * 31 + cols, 3);
          if (n > 1) x.fill(0, cols, 2 * cols); // a token of zeros: INT8 scale 0 must give y = 0
          const expected = new Float32Array(n * rows);
          const actual = new Float32Array(n * rows).fill(Number.NaN);
          reference.matmul(x, n, fromReference, expected);
          native.matmul(x, n, fromNative, actual);
          expect(actual.every(Number.isFinite)).toBe(true);
          expect(relativeError(actual, expected)).toBeLessThanOrEqual(TOLERANCE[format]);
        }
      });
    }
  }

  it('int8: activation halves (x / xScale = k + 0.5) round away from zero in both backends, bit for bit', () => {
    // W = identity (INT8 1, scale 1), x[0] = 127 so xScale = 127 / 127 = 1 and y[i] = q[i] exactly.
    // x[i] = i − 63.5 for i ≥ 1: −62.5 → −63, …, −0.5 → −1, 0.5 → 1, … (halves go away from zero).
    const cols = 64;
    const values = new Int8Array(cols * cols);
    for (let i = 0; i < cols; i++) values[i * cols + i] = 1;
    const matrix = { format: 'int8' as const, rows: cols, cols, values, scales: new Float32Array(cols).fill(1) };
    const x = Float32Array.from({ length: cols }, (_, i) => (i === 0 ? 127 : i - 63.5));
    const expected = Array.from(x, (v) => Math.sign(v) * Math.floor(Math.abs(v) + 0.5));
    const yNative = new Float32Array(cols);
    const yReference = new Float32Array(cols);
    native.matmul(x, 1, native.pack(matrix), yNative);
    reference.matmul(x, 1, reference.pack(matrix), yReference);
    expect(Array.from(yReference)).toEqual(expected);
    expect(Array.from(yNative)).toEqual(expected);
  });

  it('one and two threads give bit-identical outputs for every format (deterministic row split)', () => {
    const rows = 130;
    const cols = 320;
    for (const format of FORMATS) {
      const matrix = toWeightMatrix(format, randomValues(rows * cols, 99), rows, cols, 64);
      const one = native.pack(matrix);
      const two = nativeTwoThreads.pack(matrix);
      for (const n of [1, 17]) {
        const x = randomValues(n * cols, 5 + n);
        const y1 = new Float32Array(n * rows);
        const y2 = new Float32Array(n * rows);
        native.matmul(x, n, one, y1);
        nativeTwoThreads.matmul(x, n, two, y2);
        expect(Buffer.from(y2.buffer).equals(Buffer.from(y1.buffer))).toBe(true);
      }
    }
  });

  it('reads activations and writes outputs that live in SharedArrayBuffers (worker-shared tensors)', () => {
    const rows = 20;
    const cols = 128;
    const matrix = toWeightMatrix('int8', randomValues(rows * cols, 3), rows, cols);
    const x = new Float32Array(new SharedArrayBuffer(4 * (2 * cols + 16)), 64, 2 * cols); // offset view
    x.set(randomValues(2 * cols, 4));
    const y = new Float32Array(new SharedArrayBuffer(4 * 2 * rows));
    const expected = new Float32Array(2 * rows);
    native.matmul(x, 2, native.pack(matrix), y);
    reference.matmul(x, 2, reference.pack(matrix), expected);
    expect(relativeError(y, expected)).toBeLessThanOrEqual(1e-5);
  });

  it('rejects what the contract rejects, before touching native memory', () => {
    expect(() => native.pack({ format: 'fp32', rows: 3, cols: 96, values: new Float32Array(288) })).toThrow(RangeError);
    const packed = native.pack(toWeightMatrix('fp32', randomValues(64, 1), 1, 64));
    expect(() => native.matmul(new Float32Array(64), 2, packed, new Float32Array(2))).toThrow(/matmul.x/);
    expect(() => native.matmul(new Float32Array(64), 1, reference.pack(toWeightMatrix('fp32', randomValues(64, 1), 1, 64)), new Float32Array(1))).toThrow(/another backend/);
  });

  it('a disposed backend refuses its packed matrices instead of reading freed memory', () => {
    const backend = createNativeBackend({ threads: 1 });
    const packed = backend.pack(toWeightMatrix('int4', randomValues(64 * 64, 8), 64, 64));
    backend.dispose?.();
    expect(() => backend.matmul(new Float32Array(64), 1, packed, new Float32Array(64))).toThrow(/disposed/);
  });
});
