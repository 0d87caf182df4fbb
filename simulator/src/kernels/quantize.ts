/**
 * Weight and activation quantizers shared by the engine (to build WeightMatrix values) and by the
 * reference backend (to quantize activations exactly as the native kernels do). Every step is
 * written as FP32 arithmetic (Math.fround after each operation), so the integers it produces are
 * bit-identical to what the AVX-512 code computes: for FP32 operands, a double-precision +, −, ×, ÷
 * rounded once to FP32 equals the correctly rounded FP32 operation.
 */
import type { KernelWeightFormat, WeightMatrix } from './kernel-backend.js';
import { validateMatrixShape } from './shape.js';

/** FP32 → BF16 bits, round to nearest even; NaN stays a (quiet) NaN. */
export function quantizeToBf16(values: Float32Array): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = bf16BitsOf(bits[i]!);
  return out;
}

function bf16BitsOf(f32Bits: number): number {
  if ((f32Bits & 0x7fffffff) > 0x7f800000) return ((f32Bits >>> 16) | 0x0040) & 0xffff;
  const roundingBias = 0x7fff + ((f32Bits >>> 16) & 1);
  return ((f32Bits + roundingBias) >>> 16) & 0xffff;
}

/** BF16 bits → FP32 values (exact). */
export function bf16ToFloat32(values: Uint16Array): Float32Array {
  const out = new Float32Array(values.length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < values.length; i++) bits[i] = values[i]! << 16;
  return out;
}

/** Rounds an FP32 value to BF16 and back (the activation rounding of the bf16 contract). */
export function roundToBf16(values: Float32Array): Float32Array {
  return bf16ToFloat32(quantizeToBf16(values));
}

/** Round half away from zero, exact for any FP32 input (v − trunc(v) is exact below 2^23). */
export function roundHalfAwayFromZero(v: number): number {
  const truncated = Math.trunc(v);
  return Math.abs(v - truncated) >= 0.5 ? truncated + Math.sign(v) : truncated;
}

/**
 * Symmetric INT8 per row: scale = fp32(max|x| / 127), q = clamp(roundHalfAway(fp32(x / scale)), ±127).
 * A row of zeros gets scale 0 and q = 0. Used for weights (per output channel) and activations
 * (per token) alike.
 */
export function quantizeInt8PerRow(
  values: Float32Array,
  rows: number,
  cols: number,
): { values: Int8Array; scales: Float32Array } {
  if (values.length < rows * cols) throw new RangeError(`values: needs ${rows * cols} elements, has ${values.length}`);
  const q = new Int8Array(rows * cols);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    const end = base + cols;
    let max = 0;
    for (let i = base; i < end; i++) {
      const a = Math.abs(values[i]!);
      if (a > max) max = a;
    }
    const scale = Math.fround(max / 127);
    scales[r] = scale;
    if (scale === 0) continue;
    for (let i = base; i < end; i++) {
      const v = Math.fround(values[i]! / scale);
      // roundHalfAwayFromZero(v) inlined as floor(|v| + 0.5) with v's sign: |v| + 0.5 is exact in
      // double for an FP32 v, so the integers are the same; this loop is most of weight generation.
      const t = v < 0 ? -Math.floor(0.5 - v) : Math.floor(v + 0.5);
      q[i] = t > 127 ? 127 : t < -127 ? -127 : t;
    }
  }
  return { values: q, scales };
}

/**
 * Symmetric INT4 per (row, group of `groupSize` columns): scale = fp32(max|x| / 7),
 * q = clamp(roundHalfAway(fp32(x / scale)), −8, 7) (−8 is never produced, but the format allows
 * it). Stored as q + 8 in a nibble, the even column in the low nibble.
 */
export function quantizeInt4Grouped(
  values: Float32Array,
  rows: number,
  cols: number,
  groupSize: 32 | 64,
): { packedNibbles: Uint8Array; scales: Float32Array } {
  if (cols % groupSize !== 0) throw new RangeError(`cols: ${cols} is not a multiple of the group size ${groupSize}`);
  if (values.length < rows * cols) throw new RangeError(`values: needs ${rows * cols} elements, has ${values.length}`);
  const groups = cols / groupSize;
  const packedNibbles = new Uint8Array((rows * cols) / 2);
  const scales = new Float32Array(rows * groups);
  for (let r = 0; r < rows; r++) {
    for (let g = 0; g < groups; g++) {
      const base = r * cols + g * groupSize;
      const scale = Math.fround(maxAbs(values, base, groupSize) / 7);
      scales[r * groups + g] = scale;
      for (let c = 0; c < groupSize; c++) {
        let v = 0;
        if (scale !== 0) {
          v = roundHalfAwayFromZero(Math.fround(values[base + c]! / scale));
          v = v > 7 ? 7 : v < -8 ? -8 : v;
        }
        const index = base + c;
        const nibble = v + 8;
        const byteIndex = index >> 1;
        packedNibbles[byteIndex] = (index & 1) === 0
          ? (packedNibbles[byteIndex]! & 0xf0) | nibble
          : (packedNibbles[byteIndex]! & 0x0f) | (nibble << 4);
      }
    }
  }
  return { packedNibbles, scales };
}

/** Signed INT4 values (−8…7) of a packed nibble array, one Int8 per value. */
export function unpackInt4(packedNibbles: Uint8Array, count: number): Int8Array {
  const out = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const byte = packedNibbles[i >> 1]!;
    out[i] = ((i & 1) === 0 ? byte & 0x0f : byte >> 4) - 8;
  }
  return out;
}

/** Builds the stored form of an FP32 weight matrix (row-major, rows = output features). */
export function toWeightMatrix(
  format: KernelWeightFormat,
  values: Float32Array,
  rows: number,
  cols: number,
  groupSize: 32 | 64 = 32,
): WeightMatrix {
  validateMatrixShape(rows, cols);
  if (values.length !== rows * cols) throw new RangeError(`values: expected ${rows * cols} elements, got ${values.length}`);
  switch (format) {
    case 'fp32':
      return { format, rows, cols, values: Float32Array.from(values) };
    case 'bf16':
      return { format, rows, cols, values: quantizeToBf16(values) };
    case 'int8': {
      const q = quantizeInt8PerRow(values, rows, cols);
      return { format, rows, cols, values: q.values, scales: q.scales };
    }
    case 'int4': {
      const q = quantizeInt4Grouped(values, rows, cols, groupSize);
      return { format, rows, cols, packedNibbles: q.packedNibbles, groupSize, scales: q.scales };
    }
  }
}

/** FP32 values a stored matrix stands for (dequantized): handy for tests and tools. */
export function dequantize(matrix: WeightMatrix): Float32Array {
  const { rows, cols } = matrix;
  switch (matrix.format) {
    case 'fp32':
      return Float32Array.from(matrix.values);
    case 'bf16':
      return bf16ToFloat32(matrix.values);
    case 'int8': {
      const out = new Float32Array(rows * cols);
      for (let i = 0; i < out.length; i++) out[i] = matrix.values[i]! * matrix.scales[Math.floor(i / cols)]!;
      return out;
    }
    case 'int4': {
      const q = unpackInt4(matrix.packedNibbles, rows * cols);
      const groups = cols / matrix.groupSize;
      const out = new Float32Array(rows * cols);
      for (let i = 0; i < out.length; i++) {
        const r = Math.floor(i / cols);
        const g = Math.floor((i % cols) / matrix.groupSize);
        out[i] = q[i]! * matrix.scales[r * groups + g]!;
      }
      return out;
    }
  }
}

function maxAbs(values: Float32Array, start: number, count: number): number {
  let m = 0;
  for (let i = start; i < start + count; i++) {
    const a = Math.abs(values[i]!);
    if (a > m) m = a;
  }
  return m;
}
