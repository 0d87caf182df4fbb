/**
 * Shape rules every backend enforces, so that a model that runs on the reference backend also runs
 * on the native one: cols a multiple of 64 (one AVX-512 register of INT8, and whole INT4 groups of
 * 32 or 64) and at most 65536 (so INT32 accumulators cannot overflow); rows any positive count
 * (the native packer pads to blocks of 16 rows with zeros).
 */
import type { PackedMatrix, WeightMatrix } from './kernel-backend.js';

export const COLS_MULTIPLE = 64;
/** Above this, an INT32 sum of K products 255 × (−128) (vpdpbusd's u8·s8) could overflow. */
export const MAX_COLS = 65536;

export function validateMatrixShape(rows: number, cols: number): void {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`weights.rows: must be a positive integer, got ${rows}`);
  if (!Number.isInteger(cols) || cols < COLS_MULTIPLE || cols % COLS_MULTIPLE !== 0) {
    throw new RangeError(`weights.cols: must be a positive multiple of ${COLS_MULTIPLE}, got ${cols}`);
  }
  if (cols > MAX_COLS) throw new RangeError(`weights.cols: at most ${MAX_COLS} (INT32 accumulators), got ${cols}`);
}

/** Checks a stored matrix's arrays against its declared shape before a backend packs it. */
export function validateWeightMatrix(matrix: WeightMatrix): void {
  validateMatrixShape(matrix.rows, matrix.cols);
  const count = matrix.rows * matrix.cols;
  switch (matrix.format) {
    case 'fp32':
    case 'bf16':
      if (matrix.values.length !== count) throw new RangeError(`weights.values: expected ${count} elements, got ${matrix.values.length}`);
      return;
    case 'int8':
      if (matrix.values.length !== count) throw new RangeError(`weights.values: expected ${count} elements, got ${matrix.values.length}`);
      if (matrix.scales.length !== matrix.rows) throw new RangeError(`weights.scales: expected ${matrix.rows} scales, got ${matrix.scales.length}`);
      return;
    case 'int4': {
      if (matrix.groupSize !== 32 && matrix.groupSize !== 64) throw new RangeError(`weights.groupSize: must be 32 or 64, got ${String(matrix.groupSize)}`);
      if (matrix.packedNibbles.length !== count / 2) throw new RangeError(`weights.packedNibbles: expected ${count / 2} bytes, got ${matrix.packedNibbles.length}`);
      const scaleCount = matrix.rows * (matrix.cols / matrix.groupSize);
      if (matrix.scales.length !== scaleCount) throw new RangeError(`weights.scales: expected ${scaleCount} scales, got ${matrix.scales.length}`);
      return;
    }
    default:
      throw new RangeError(`weights.format: unknown format ${String((matrix as { format: unknown }).format)}`);
  }
}

/** Checks matmul operands: tokenCount ≥ 0 integer, x and y long enough. */
export function validateMatmulOperands(x: Float32Array, tokenCount: number, weights: PackedMatrix, y: Float32Array): void {
  if (!Number.isInteger(tokenCount) || tokenCount < 0) throw new RangeError(`matmul.tokenCount: must be a non-negative integer, got ${tokenCount}`);
  if (x.length < tokenCount * weights.cols) throw new RangeError(`matmul.x: needs ${tokenCount * weights.cols} elements (${tokenCount} × ${weights.cols}), has ${x.length}`);
  if (y.length < tokenCount * weights.rows) throw new RangeError(`matmul.y: needs ${tokenCount * weights.rows} elements (${tokenCount} × ${weights.rows}), has ${y.length}`);
}

/** Bytes a matmul streams: weights at their stored width plus FP32 scales. */
export function weightBytesOf(matrix: WeightMatrix): number {
  const count = matrix.rows * matrix.cols;
  switch (matrix.format) {
    case 'fp32':
      return count * 4;
    case 'bf16':
      return count * 2;
    case 'int8':
      return count + matrix.rows * 4;
    case 'int4':
      return count / 2 + matrix.scales.length * 4;
  }
}
