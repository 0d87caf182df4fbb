/**
 * The fast backend: AVX-512 microkernels in a Node-API addon (simulator/native). Weights are
 * re-laid out at pack() time into 16-row interleaved blocks (see native/src/common.h); matmul runs
 * synchronously on the calling thread plus a persistent native pool of `threads − 1` workers.
 */
import type { AttentionBatch, AttentionBlockBatch, AttentionSegmentInput, KernelBackend, KernelWeightFormat, PackedMatrix, RoutedExpertsBatch, WeightMatrix } from './kernel-backend.js';
import { loadNativeAddon, type NativeAddon, type NativeHandle } from './native-addon.js';
import { validateMatmulOperands, validateWeightMatrix, weightBytesOf } from './shape.js';

export const FORMAT_CODES = { fp32: 0, bf16: 1, int8: 2, int4: 3 } as const satisfies Record<KernelWeightFormat, number>;

export const MAX_THREADS = 64;

export interface NativeBackendOptions {
  /** Threads per matmul (1 … 64); output rows are split between them. Default 1. */
  readonly threads?: number;
  /** Path of capsim_kernels.node; default: simulator/native/build/Release. */
  readonly addonPath?: string;
}

class NativePackedMatrix implements PackedMatrix {
  constructor(
    readonly format: KernelWeightFormat,
    readonly rows: number,
    readonly cols: number,
    readonly weightBytes: number,
    readonly handle: NativeHandle,
  ) {}
}

export function validateThreads(threads: number): number {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new RangeError(`threads: must be an integer from 1 to ${MAX_THREADS}, got ${threads}`);
  }
  return threads;
}

/** Throws an Error (not a fallback) when the addon is missing or the CPU lacks the features. */
export function createNativeBackend(options: NativeBackendOptions = {}): KernelBackend {
  const threads = validateThreads(options.threads ?? 1);
  const addon = loadNativeAddon(options.addonPath);
  const live = new Set<NativePackedMatrix>();
  // Handle arrays per layer's expert list, built once (a decode step would otherwise allocate two
  // arrays per layer).
  const expertHandles = new WeakMap<RoutedExpertsBatch['experts'], { gateUp: NativeHandle[]; down: NativeHandle[] }>();
  const handlesOf = (experts: RoutedExpertsBatch['experts']): { gateUp: NativeHandle[]; down: NativeHandle[] } => {
    let handles = expertHandles.get(experts);
    if (handles === undefined) {
      const handle = (m: PackedMatrix, field: string): NativeHandle => {
        if (!(m instanceof NativePackedMatrix)) throw new RangeError(`runRoutedExperts.experts.${field}: packed by another backend`);
        return m.handle;
      };
      handles = { gateUp: experts.map((e) => handle(e.gateUp, 'gateUp')), down: experts.map((e) => handle(e.down, 'down')) };
      expertHandles.set(experts, handles);
    }
    return handles;
  };
  return {
    name: 'native',
    threads,
    pack(matrix: WeightMatrix): PackedMatrix {
      validateWeightMatrix(matrix);
      const packed = new NativePackedMatrix(matrix.format, matrix.rows, matrix.cols, weightBytesOf(matrix), packNative(addon, matrix));
      live.add(packed);
      return packed;
    },
    matmul(x, tokenCount, weights, y) {
      if (!(weights instanceof NativePackedMatrix)) throw new RangeError('matmul.weights: packed by another backend');
      validateMatmulOperands(x, tokenCount, weights, y);
      if (tokenCount === 0) return;
      addon.matmul(weights.handle, x, tokenCount, y, threads);
    },
    attend(batch: AttentionBatch) {
      attendNative(addon, batch, threads);
    },
    attentionBlock(batch: AttentionBlockBatch) {
      const handle = (m: PackedMatrix, field: string): NativeHandle => {
        if (!(m instanceof NativePackedMatrix)) throw new RangeError(`attentionBlock.${field}: packed by another backend`);
        return m.handle;
      };
      const s = marshalSegments(batch.segments, 'attentionBlock');
      addon.attentionBlock(
        batch.x,
        batch.tokenCount,
        batch.hiddenSize,
        batch.rmsNormEpsilon,
        batch.inputNorm,
        batch.postAttentionNorm,
        handle(batch.qkvWeights, 'qkvWeights'),
        handle(batch.oWeights, 'oWeights'),
        handle(batch.routerWeights, 'routerWeights'),
        batch.qkv,
        batch.attention,
        batch.projected,
        batch.normed,
        batch.routerLogits,
        batch.ropeCos,
        batch.ropeSin,
        batch.queryHeads,
        batch.kvHeads,
        batch.headDim,
        s.meta,
        s.keys,
        s.values,
        s.keyScales,
        s.valueScales,
        threads,
      );
    },
    runRoutedExperts(batch: RoutedExpertsBatch) {
      const { input, hiddenSize, experts, starts, tokens, weights, output } = batch;
      if (starts.length !== experts.length + 1) throw new RangeError(`runRoutedExperts.starts: expected ${experts.length + 1} offsets, got ${starts.length}`);
      const handles = handlesOf(experts);
      addon.routedExperts(input, hiddenSize, starts, tokens, weights, handles.gateUp, handles.down, output, threads);
    },
    quantizeInt8PerRow(values, rows, cols) {
      const q = new Int8Array(rows * cols);
      const scales = new Float32Array(rows);
      if (rows > 0) addon.quantizeInt8Rows(values, rows, cols, q, scales);
      return { values: q, scales };
    },
    swiglu(gateUp, rows, width, output) {
      if (rows === 0) return;
      addon.swiglu(gateUp, rows, width, output, threads);
    },
    dispose() {
      for (const packed of live) addon.free(packed.handle);
      live.clear();
    },
  };
}

function packNative(addon: NativeAddon, matrix: WeightMatrix): NativeHandle {
  const code = FORMAT_CODES[matrix.format];
  switch (matrix.format) {
    case 'fp32':
    case 'bf16':
      return addon.pack(code, matrix.rows, matrix.cols, 0, matrix.values, undefined);
    case 'int8':
      return addon.pack(code, matrix.rows, matrix.cols, 0, matrix.values, matrix.scales);
    case 'int4':
      return addon.pack(code, matrix.rows, matrix.cols, matrix.groupSize, matrix.packedNibbles, matrix.scales);
  }
}

interface MarshalledSegments {
  readonly meta: Int32Array;
  readonly keys: (Float32Array | Int8Array)[];
  readonly values: (Float32Array | Int8Array)[];
  readonly keyScales: Float32Array[] | undefined;
  readonly valueScales: Float32Array[] | undefined;
}

/** Segments as the addon takes them: [row, start, length] triples and parallel arrays of caches. */
function marshalSegments(segments: readonly AttentionSegmentInput[], field: string): MarshalledSegments {
  const meta = new Int32Array(3 * segments.length);
  const keys: (Float32Array | Int8Array)[] = [];
  const values: (Float32Array | Int8Array)[] = [];
  const int8 = segments[0]?.keys instanceof Int8Array;
  const keyScales: Float32Array[] = [];
  const valueScales: Float32Array[] = [];
  segments.forEach((segment, s) => {
    meta[3 * s] = segment.row;
    meta[3 * s + 1] = segment.start;
    meta[3 * s + 2] = segment.length;
    keys.push(segment.keys);
    values.push(segment.values);
    if (int8) {
      if (!segment.keyScales || !segment.valueScales) throw new RangeError(`${field}.segments[${s}]: an INT8 cache needs keyScales and valueScales`);
      keyScales.push(segment.keyScales);
      valueScales.push(segment.valueScales);
    }
  });
  return { meta, keys, values, keyScales: int8 ? keyScales : undefined, valueScales: int8 ? valueScales : undefined };
}

function attendNative(addon: NativeAddon, batch: AttentionBatch, threads: number): void {
  if (batch.segments.length === 0) return;
  const s = marshalSegments(batch.segments, 'attend');
  addon.attend(batch.qkv, batch.output, batch.queryHeads, batch.kvHeads, batch.headDim, s.meta, s.keys, s.values, s.keyScales, s.valueScales, threads);
}
