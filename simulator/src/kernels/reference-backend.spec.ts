import { createReferenceBackend } from './reference-backend.js';
import { dequantize, quantizeInt4Grouped, quantizeInt8PerRow, quantizeToBf16, toWeightMatrix } from './quantize.js';
import type { WeightMatrix } from './kernel-backend.js';

const COLS = 64; // the smallest width the contract allows; the worked cases use the first columns only

function padded(prefix: number[], length = COLS): Float32Array {
  const out = new Float32Array(length);
  out.set(prefix);
  return out;
}

describe('reference backend: hand-worked cases of the numerical contract', () => {
  it('int8: 2 output rows × 4 used columns, activations with halves rounded away from zero', () => {
    // x = [127, −63.5, 10.5, −2.5, 0…]: max|x| = 127 → xScale = 127/127 = 1, and
    // q = roundHalfAway(x / 1) = [127, −64, 11, −3] (each .5 goes away from zero).
    // W row 0 = [1, 2, −1, 4] × 0.5:   acc = 127 − 128 − 11 − 12 = −24  → y = −24 × 1 × 0.5 = −12
    // W row 1 = [−3, 0, 2, 1] × 0.25:  acc = −381 + 0 + 22 − 3 = −362  → y = −362 × 1 × 0.25 = −90.5
    // Second token all zeros: xScale = 0 → y = 0.
    const values = new Int8Array(2 * COLS);
    values.set([1, 2, -1, 4], 0);
    values.set([-3, 0, 2, 1], COLS);
    const matrix: WeightMatrix = { format: 'int8', rows: 2, cols: COLS, values, scales: Float32Array.of(0.5, 0.25) };
    const backend = createReferenceBackend();
    const x = new Float32Array(2 * COLS);
    x.set([127, -63.5, 10.5, -2.5]);
    const y = new Float32Array(4);
    backend.matmul(x, 2, backend.pack(matrix), y);
    expect(Array.from(y)).toEqual([-12, -90.5, 0, 0]);
  });

  it('int8 quantizer: scale = max|x| / 127, halves away from zero, zero row keeps scale 0', () => {
    const q = quantizeInt8PerRow(Float32Array.of(127, -63.5, 10.5, -2.5, 0, 0, 0, 0), 2, 4);
    expect(Array.from(q.values)).toEqual([127, -64, 11, -3, 0, 0, 0, 0]);
    expect(Array.from(q.scales)).toEqual([1, 0]);
  });

  it('int4: two groups of 32 with their own scales, nibbles stored as q + 8, low nibble first', () => {
    // Row 0, group 0: q[0] = 7, q[1] = −8, scale 0.5; group 1: q[32] = 3, scale 2; the rest 0.
    // Bytes: byte 0 = (7+8) | (−8+8)<<4 = 0x0f; byte 16 = (3+8) | (0+8)<<4 = 0x8b; others 0x88.
    // x = [127, 2, 0…, x[32] = −10, 0…]: xScale = 1, q = x.
    // group 0: 127×7 + 2×(−8) = 873 → × 0.5 = 436.5; group 1: −10 × 3 = −30 → × 2 = −60.
    // y = (436.5 − 60) × 1 = 376.5
    const packedNibbles = new Uint8Array(COLS / 2).fill(0x88);
    packedNibbles[0] = 0x0f;
    packedNibbles[16] = 0x8b;
    const matrix: WeightMatrix = { format: 'int4', rows: 1, cols: COLS, packedNibbles, groupSize: 32, scales: Float32Array.of(0.5, 2) };
    const backend = createReferenceBackend();
    const x = padded([127, 2]);
    x[32] = -10;
    const y = new Float32Array(1);
    backend.matmul(x, 1, backend.pack(matrix), y);
    expect(y[0]).toBe(376.5);
  });

  it('int4 quantizer: scale = max|x| / 7 per group, packed as the backend reads it', () => {
    // Group 0 (cols 0–31): max 14 → scale 2; 14/2 = 7, −3/2 = −1.5 → −2. Group 1: all zero → scale 0.
    const values = padded([14, -3]);
    const q = quantizeInt4Grouped(values, 1, COLS, 32);
    expect(Array.from(q.scales)).toEqual([2, 0]);
    expect(q.packedNibbles[0]).toBe((7 + 8) | ((-2 + 8) << 4));
    expect(q.packedNibbles[16]).toBe(0x88);
  });

  it('bf16: activations are rounded to BF16 (ties to even) before the FP32 dot product', () => {
    // x[0] = 1 + 2^−8 lies halfway between BF16 1 and 1 + 2^−7 → ties to even → 1.
    // W = [1, 2] in BF16 (0x3f80, 0x4000); x[1] = 3 is exact. y = 1×1 + 3×2 = 7 (not 7.00390625).
    const w = new Uint16Array(COLS);
    w[0] = 0x3f80;
    w[1] = 0x4000;
    const backend = createReferenceBackend();
    const y = new Float32Array(1);
    backend.matmul(padded([1 + 2 ** -8, 3]), 1, backend.pack({ format: 'bf16', rows: 1, cols: COLS, values: w }), y);
    expect(y[0]).toBe(7);
  });

  it('bf16 quantizer: round to nearest even, sign kept, NaN stays NaN', () => {
    // 1 + 3·2^−8 is halfway between 1 + 2^−7 (0x3f81) and 1 + 2^−6 (0x3f82): ties to the even 0x3f82.
    const bits = quantizeToBf16(Float32Array.of(1, 1 + 2 ** -8, 1 + 3 * 2 ** -8, -2, Number.NaN));
    expect(Array.from(bits.subarray(0, 4))).toEqual([0x3f80, 0x3f80, 0x3f82, 0xc000]);
    expect((bits[4]! & 0x7f80) === 0x7f80 && (bits[4]! & 0x7f) !== 0).toBe(true);
  });

  it('fp32: y = x · Wᵀ for two tokens', () => {
    // W row 0 = [1, 2], row 1 = [−1, 0.5]; x0 = [3, 4] → [11, −1]; x1 = [−2, 2] → [2, 3].
    const w = new Float32Array(2 * COLS);
    w.set([1, 2], 0);
    w.set([-1, 0.5], COLS);
    const x = new Float32Array(2 * COLS);
    x.set([3, 4], 0);
    x.set([-2, 2], COLS);
    const backend = createReferenceBackend();
    const y = new Float32Array(4);
    backend.matmul(x, 2, backend.pack({ format: 'fp32', rows: 2, cols: COLS, values: w }), y);
    expect(Array.from(y)).toEqual([11, -1, 2, 3]);
  });

  it('toWeightMatrix round trip: int8 dequantizes within half a step of the original', () => {
    const values = new Float32Array(3 * COLS).map((_, i) => Math.sin(i) * (1 + (i % 7)));
    const matrix = toWeightMatrix('int8', values, 3, COLS);
    if (matrix.format !== 'int8') throw new Error('expected int8');
    const back = dequantize(matrix);
    for (let i = 0; i < values.length; i++) {
      expect(Math.abs(back[i]! - values[i]!)).toBeLessThanOrEqual(matrix.scales[Math.floor(i / COLS)]! / 2 + 1e-6);
    }
  });

  it('rejects shapes outside the contract with a RangeError naming the field', () => {
    const backend = createReferenceBackend();
    expect(() => backend.pack({ format: 'fp32', rows: 1, cols: 100, values: new Float32Array(100) })).toThrow(/weights.cols/);
    const packed = backend.pack({ format: 'fp32', rows: 2, cols: COLS, values: new Float32Array(2 * COLS) });
    expect(() => backend.matmul(new Float32Array(COLS), 2, packed, new Float32Array(4))).toThrow(/matmul.x/);
    expect(() => backend.matmul(new Float32Array(COLS), 1, packed, new Float32Array(1))).toThrow(/matmul.y/);
  });
});
