/**
 * The model's own causal GQA attention loops (TypeScript, sums in double): the oracle that a
 * backend's optional `attend` is checked against, and the path used when a backend has none.
 */
import type { AttentionBatch } from '../kernels/kernel-backend.js';

export interface AttentionGeometry {
  readonly queryHeads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly qkvWidth: number;
  readonly attentionWidth: number;
  readonly softmaxScale: number;
}

/**
 * Causal GQA attention of `length` tokens (rows row…) at positions start… over an FP32 cache.
 * Query heads sharing a KV head are taken two at a time, so each key and value element loaded
 * serves two heads (1.5 loads per multiply-add instead of 2).
 */
export function attendFp32(
  qkv: Float32Array,
  output: Float32Array,
  row: number,
  start: number,
  length: number,
  keys: Float32Array,
  values: Float32Array,
  g: AttentionGeometry,
  scores: Float64Array,
  acc: Float64Array,
): void {
  const { queryHeads, kvHeads, headDim, qkvWidth, attentionWidth, softmaxScale } = g;
  const kvWidth = kvHeads * headDim;
  const group = queryHeads / kvHeads;
  for (let i = 0; i < length; i++) {
    const contextLength = start + i + 1;
    const qBase = (row + i) * qkvWidth;
    const outBase = (row + i) * attentionWidth;
    for (let h = 0; h < queryHeads; h += 2) {
      const kvOffset = ((h / group) | 0) * headDim;
      // A pair needs both heads on the same KV head; an odd group size falls back to one head.
      const pair = h + 1 < queryHeads && ((h + 1) / group | 0) === ((h / group) | 0);
      const qa = qBase + h * headDim;
      const qb = pair ? qa + headDim : qa;
      let maxA = -Infinity;
      let maxB = -Infinity;
      for (let p = 0; p < contextLength; p++) {
        const k = p * kvWidth + kvOffset;
        let a0 = 0;
        let a1 = 0;
        let b0 = 0;
        let b1 = 0;
        let c = 0;
        for (; c + 1 < headDim; c += 2) {
          const k0 = keys[k + c]!;
          const k1 = keys[k + c + 1]!;
          a0 += qkv[qa + c]! * k0;
          a1 += qkv[qa + c + 1]! * k1;
          b0 += qkv[qb + c]! * k0;
          b1 += qkv[qb + c + 1]! * k1;
        }
        for (; c < headDim; c++) {
          a0 += qkv[qa + c]! * keys[k + c]!;
          b0 += qkv[qb + c]! * keys[k + c]!;
        }
        const dotA = (a0 + a1) * softmaxScale;
        const dotB = (b0 + b1) * softmaxScale;
        scores[2 * p] = dotA;
        scores[2 * p + 1] = dotB;
        if (dotA > maxA) maxA = dotA;
        if (dotB > maxB) maxB = dotB;
      }
      let sumA = 0;
      let sumB = 0;
      for (let p = 0; p < contextLength; p++) {
        const ea = Math.exp(scores[2 * p]! - maxA);
        const eb = Math.exp(scores[2 * p + 1]! - maxB);
        scores[2 * p] = ea;
        scores[2 * p + 1] = eb;
        sumA += ea;
        sumB += eb;
      }
      acc.fill(0);
      const inverseA = 1 / sumA;
      const inverseB = 1 / sumB;
      for (let p = 0; p < contextLength; p++) {
        const wa = scores[2 * p]! * inverseA;
        const wb = scores[2 * p + 1]! * inverseB;
        const v = p * kvWidth + kvOffset;
        for (let c = 0; c < headDim; c++) {
          const value = values[v + c]!;
          acc[c] = acc[c]! + wa * value;
          acc[headDim + c] = acc[headDim + c]! + wb * value;
        }
      }
      const oa = outBase + h * headDim;
      for (let c = 0; c < headDim; c++) output[oa + c] = acc[c]!;
      if (pair) for (let c = 0; c < headDim; c++) output[oa + headDim + c] = acc[headDim + c]!;
      else h--; // one head done: the loop's += 2 moves to the next head
    }
  }
}

/** As attendFp32 over an INT8 cache: each (position, head) vector carries its own scale. */
export function attendInt8(
  qkv: Float32Array,
  output: Float32Array,
  row: number,
  start: number,
  length: number,
  keys: Int8Array,
  values: Int8Array,
  keyScales: Float32Array,
  valueScales: Float32Array,
  g: AttentionGeometry,
  scores: Float64Array,
  acc: Float64Array,
): void {
  const { queryHeads, kvHeads, headDim, qkvWidth, attentionWidth, softmaxScale } = g;
  const kvWidth = kvHeads * headDim;
  const group = queryHeads / kvHeads;
  for (let i = 0; i < length; i++) {
    const contextLength = start + i + 1;
    const qBase = (row + i) * qkvWidth;
    const outBase = (row + i) * attentionWidth;
    for (let h = 0; h < queryHeads; h++) {
      const kvHead = (h / group) | 0;
      const kvOffset = kvHead * headDim;
      const q = qBase + h * headDim;
      let max = -Infinity;
      for (let p = 0; p < contextLength; p++) {
        const k = p * kvWidth + kvOffset;
        // Four partial sums: independent chains the CPU can overlap (headDim is a multiple of 4 in practice; the tail loop covers the rest).
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        let c = 0;
        for (; c + 3 < headDim; c += 4) {
          d0 += qkv[q + c]! * keys[k + c]!;
          d1 += qkv[q + c + 1]! * keys[k + c + 1]!;
          d2 += qkv[q + c + 2]! * keys[k + c + 2]!;
          d3 += qkv[q + c + 3]! * keys[k + c + 3]!;
        }
        for (; c < headDim; c++) d0 += qkv[q + c]! * keys[k + c]!;
        let dot = d0 + d1 + d2 + d3;
        dot *= keyScales[p * kvHeads + kvHead]! * softmaxScale;
        scores[p] = dot;
        if (dot > max) max = dot;
      }
      let sum = 0;
      for (let p = 0; p < contextLength; p++) {
        const e = Math.exp(scores[p]! - max);
        scores[p] = e;
        sum += e;
      }
      acc.fill(0);
      const inverseSum = 1 / sum;
      for (let p = 0; p < contextLength; p++) {
        const w = scores[p]! * inverseSum * valueScales[p * kvHeads + kvHead]!;
        const v = p * kvWidth + kvOffset;
        let c = 0;
        for (; c + 3 < headDim; c += 4) {
          acc[c] = acc[c]! + w * values[v + c]!;
          acc[c + 1] = acc[c + 1]! + w * values[v + c + 1]!;
          acc[c + 2] = acc[c + 2]! + w * values[v + c + 2]!;
          acc[c + 3] = acc[c + 3]! + w * values[v + c + 3]!;
        }
        for (; c < headDim; c++) acc[c] = acc[c]! + w * values[v + c]!;
      }
      const o = outBase + h * headDim;
      for (let c = 0; c < headDim; c++) output[o + c] = acc[c]!;
    }
  }
}

/** Runs a whole AttentionBatch through the TypeScript loops (what tests compare backends against). */
export function attendBatchTypeScript(batch: AttentionBatch): void {
  const { queryHeads, kvHeads, headDim } = batch;
  const geometry: AttentionGeometry = {
    queryHeads,
    kvHeads,
    headDim,
    qkvWidth: (queryHeads + 2 * kvHeads) * headDim,
    attentionWidth: queryHeads * headDim,
    softmaxScale: 1 / Math.sqrt(headDim),
  };
  let positions = 0;
  for (const segment of batch.segments) positions = Math.max(positions, segment.start + segment.length);
  const scores = new Float64Array(2 * positions);
  const acc = new Float64Array(2 * headDim);
  for (const { row, start, length, keys, values, keyScales, valueScales } of batch.segments) {
    if (keys instanceof Int8Array) {
      attendInt8(batch.qkv, batch.output, row, start, length, keys, values as Int8Array, keyScales!, valueScales!, geometry, scores, acc);
    } else {
      attendFp32(batch.qkv, batch.output, row, start, length, keys, values as Float32Array, geometry, scores, acc);
    }
  }
}
