/**
 * One sequence's KV cache, laid out per layer as [position][kvHead][headDim]. FP32 stores values as
 * they are; INT8 stores each (position, head) vector symmetric-quantized with its own FP32 scale
 * (max|x| / 127, round half away from zero), a quarter of the bytes at a small accuracy cost.
 */
export type KvCacheFormat = 'fp32' | 'int8';

export const KV_CACHE_FORMATS: readonly KvCacheFormat[] = ['fp32', 'int8'];

export interface KvCacheLayout {
  readonly layers: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly format: KvCacheFormat;
}

export class SequenceKvCache {
  /** Tokens whose keys and values are stored (the next token's position). */
  length = 0;
  readonly keys: (Float32Array | Int8Array)[];
  readonly values: (Float32Array | Int8Array)[];
  /** INT8 only: one scale per (position, head), per layer. */
  readonly keyScales: Float32Array[];
  readonly valueScales: Float32Array[];

  constructor(
    readonly layout: KvCacheLayout,
    readonly capacityTokens: number,
  ) {
    if (!Number.isInteger(capacityTokens) || capacityTokens < 1) throw new RangeError(`kvCache.capacityTokens: must be a positive integer, got ${capacityTokens}`);
    const elements = capacityTokens * layout.kvHeads * layout.headDim;
    const make = (): Float32Array | Int8Array => (layout.format === 'int8' ? new Int8Array(elements) : new Float32Array(elements));
    this.keys = Array.from({ length: layout.layers }, make);
    this.values = Array.from({ length: layout.layers }, make);
    const scaleCount = layout.format === 'int8' ? capacityTokens * layout.kvHeads : 0;
    this.keyScales = Array.from({ length: layout.layers }, () => new Float32Array(scaleCount));
    this.valueScales = Array.from({ length: layout.layers }, () => new Float32Array(scaleCount));
  }

  /** Bytes of keys and values (with scales) stored per token over all layers. */
  static bytesPerToken(layout: KvCacheLayout): number {
    const perHead = layout.format === 'int8' ? layout.headDim + 4 : layout.headDim * 4;
    return layout.layers * 2 * layout.kvHeads * perHead;
  }

  /** Stores one token's keys and values for one layer: `source` holds kvHeads × headDim values at `offset`. */
  write(layer: number, position: number, keys: Float32Array, keyOffset: number, values: Float32Array, valueOffset: number): void {
    if (position >= this.capacityTokens) throw new RangeError(`kvCache: position ${position} is beyond the capacity of ${this.capacityTokens} tokens`);
    this.store(this.keys[layer]!, this.keyScales[layer]!, position, keys, keyOffset);
    this.store(this.values[layer]!, this.valueScales[layer]!, position, values, valueOffset);
  }

  private store(target: Float32Array | Int8Array, scales: Float32Array, position: number, source: Float32Array, offset: number): void {
    const { kvHeads, headDim } = this.layout;
    const base = position * kvHeads * headDim;
    if (target instanceof Float32Array) {
      target.set(source.subarray(offset, offset + kvHeads * headDim), base);
      return;
    }
    for (let h = 0; h < kvHeads; h++) {
      const from = offset + h * headDim;
      let maxAbs = 0;
      for (let i = 0; i < headDim; i++) {
        const a = Math.abs(source[from + i]!);
        if (a > maxAbs) maxAbs = a;
      }
      const scale = Math.fround(maxAbs / 127);
      scales[position * kvHeads + h] = scale;
      const to = base + h * headDim;
      if (scale === 0) {
        target.fill(0, to, to + headDim);
        continue;
      }
      const inverse = 1 / scale;
      for (let i = 0; i < headDim; i++) {
        const v = source[from + i]! * inverse;
        const q = v < 0 ? -Math.floor(0.5 - v) : Math.floor(v + 0.5);
        target[to + i] = q > 127 ? 127 : q < -127 ? -127 : q;
      }
    }
  }
}
