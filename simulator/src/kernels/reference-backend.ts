/**
 * The correctness oracle: plain TypeScript, one loop per format, following the numerical contract
 * in kernel-backend.ts literally. Dot products accumulate in double precision (integer sums are
 * exact either way; for fp32/bf16 this is the most accurate order, so the native backend's error
 * against it is its own rounding only). Slow (about 2 GFLOP/s) but simple enough to trust.
 */
import type { KernelBackend, PackedMatrix, WeightMatrix } from './kernel-backend.js';
import { bf16ToFloat32, quantizeInt8PerRow, roundToBf16, unpackInt4 } from './quantize.js';
import { validateMatmulOperands, validateWeightMatrix, weightBytesOf } from './shape.js';

type ReferenceLayout =
  | { readonly kind: 'float'; readonly values: Float32Array; readonly roundActivationsToBf16: boolean }
  | { readonly kind: 'int8'; readonly values: Int8Array; readonly scales: Float32Array }
  | { readonly kind: 'int4'; readonly values: Int8Array; readonly scales: Float32Array; readonly groupSize: number };

class ReferencePackedMatrix implements PackedMatrix {
  constructor(
    readonly format: WeightMatrix['format'],
    readonly rows: number,
    readonly cols: number,
    readonly weightBytes: number,
    readonly layout: ReferenceLayout,
  ) {}
}

export function createReferenceBackend(): KernelBackend {
  return {
    name: 'reference',
    threads: 1,
    pack: packReference,
    matmul(x, tokenCount, weights, y) {
      if (!(weights instanceof ReferencePackedMatrix)) throw new RangeError('matmul.weights: packed by another backend');
      validateMatmulOperands(x, tokenCount, weights, y);
      const { layout } = weights;
      if (layout.kind === 'float') matmulFloat(x, tokenCount, weights, layout.values, layout.roundActivationsToBf16, y);
      else if (layout.kind === 'int8') matmulInt8(x, tokenCount, weights, layout.values, layout.scales, y);
      else matmulInt4(x, tokenCount, weights, layout.values, layout.scales, layout.groupSize, y);
    },
  };
}

function packReference(matrix: WeightMatrix): PackedMatrix {
  validateWeightMatrix(matrix);
  const { format, rows, cols } = matrix;
  const bytes = weightBytesOf(matrix);
  switch (matrix.format) {
    case 'fp32':
      return new ReferencePackedMatrix(format, rows, cols, bytes, { kind: 'float', values: Float32Array.from(matrix.values), roundActivationsToBf16: false });
    case 'bf16':
      return new ReferencePackedMatrix(format, rows, cols, bytes, { kind: 'float', values: bf16ToFloat32(matrix.values), roundActivationsToBf16: true });
    case 'int8':
      return new ReferencePackedMatrix(format, rows, cols, bytes, { kind: 'int8', values: Int8Array.from(matrix.values), scales: Float32Array.from(matrix.scales) });
    case 'int4':
      return new ReferencePackedMatrix(format, rows, cols, bytes, {
        kind: 'int4',
        values: unpackInt4(matrix.packedNibbles, rows * cols),
        scales: Float32Array.from(matrix.scales),
        groupSize: matrix.groupSize,
      });
  }
}

function matmulFloat(x: Float32Array, n: number, w: PackedMatrix, values: Float32Array, bf16: boolean, y: Float32Array): void {
  const { rows, cols } = w;
  const activations = bf16 ? roundToBf16(x.subarray(0, n * cols)) : x;
  for (let t = 0; t < n; t++) {
    const xBase = t * cols;
    for (let r = 0; r < rows; r++) {
      const wBase = r * cols;
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += activations[xBase + c]! * values[wBase + c]!;
      y[t * rows + r] = sum;
    }
  }
}

function matmulInt8(x: Float32Array, n: number, w: PackedMatrix, values: Int8Array, scales: Float32Array, y: Float32Array): void {
  const { rows, cols } = w;
  const q = quantizeInt8PerRow(x, n, cols);
  for (let t = 0; t < n; t++) {
    const xBase = t * cols;
    const xScale = q.scales[t]!;
    for (let r = 0; r < rows; r++) {
      const wBase = r * cols;
      let acc = 0;
      for (let c = 0; c < cols; c++) acc += q.values[xBase + c]! * values[wBase + c]!;
      y[t * rows + r] = acc * xScale * scales[r]!;
    }
  }
}

function matmulInt4(x: Float32Array, n: number, w: PackedMatrix, values: Int8Array, scales: Float32Array, groupSize: number, y: Float32Array): void {
  const { rows, cols } = w;
  const groups = cols / groupSize;
  const q = quantizeInt8PerRow(x, n, cols);
  for (let t = 0; t < n; t++) {
    const xBase = t * cols;
    const xScale = q.scales[t]!;
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let g = 0; g < groups; g++) {
        const wBase = r * cols + g * groupSize;
        const xGroup = xBase + g * groupSize;
        let acc = 0;
        for (let c = 0; c < groupSize; c++) acc += q.values[xGroup + c]! * values[wBase + c]!;
        sum += acc * scales[r * groups + g]!;
      }
      y[t * rows + r] = sum * xScale;
    }
  }
}
