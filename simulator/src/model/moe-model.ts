/**
 * The reference MoE transformer's forward pass over one batched step: any mix of sequences, each
 * contributing a segment of tokens (one for decode, a chunk for prefill). Matmuls go through the
 * KernelBackend; norms, RoPE and routing are tight Float32Array loops; attention, the SwiGLU
 * activation and a layer's routed experts go to the backend when it has the optional `attend` /
 * `swiglu` / `runRoutedExperts`, else run here (attention.ts and the expert loop, the oracles); with
 * `attentionBlock` a layer's whole attention half (norms, QKV, RoPE, cache append, attention, O,
 * residual, router) is one backend call, bit-identical to those separate steps. Routed experts
 * run once per step over the tokens routed to them, so a step's cost grows with the distinct
 * experts its tokens touch. Every row is computed independently of the others in the batch, so a
 * sequence's logits do not depend on what it is batched with.
 */
import type { AttentionSegmentInput, KernelBackend, PackedMatrix } from '../kernels/kernel-backend.js';
import type { MoeModelShape } from '../presets/model-shape.js';
import type { ExpertWeights, ModelWeights } from '../weights/model-weights.js';
import { attendFp32, attendInt8, type AttentionGeometry } from './attention.js';
import { SequenceKvCache, type KvCacheFormat } from './kv-cache.js';
import { RopeTable } from './rope.js';
import { routeTopK } from './routing.js';
import type { StepAccounting } from './step-accounting.js';

export interface StepSegment {
  readonly cache: SequenceKvCache;
  /** Token ids appended to the sequence at positions cache.length, cache.length + 1, …. */
  readonly tokens: ArrayLike<number>;
  /** Which rows of logits to compute: every token's, the last token's, or none (a mid-prompt chunk). */
  readonly logits: 'all' | 'last' | 'none';
}

export interface StepResult {
  /** Row-major [rows × vocab]; a view into the model's buffer, valid until the next step. */
  readonly logits: Float32Array;
  /** First logits row of each segment (−1 where the segment asked for none). */
  readonly logitRowOfSegment: readonly number[];
  readonly accounting: StepAccounting;
  /** With recordRouting: per layer, the k experts each token of the step was routed to ([tokens × k]). */
  readonly routedExperts: readonly Int32Array[] | null;
}

export interface MoeModelOptions {
  readonly kvCacheFormat?: KvCacheFormat;
  /** Copy each layer's routing decisions into the step result (tests and tracing; costs a copy per layer). */
  readonly recordRouting?: boolean;
}

export class MoeModel {
  readonly shape: MoeModelShape;
  readonly kvCacheFormat: KvCacheFormat;
  private readonly recordRouting: boolean;
  private readonly rope: RopeTable;
  private capacityTokens = 0;
  private x = new Float32Array(0);
  private normed = new Float32Array(0);
  private qkv = new Float32Array(0);
  private attention = new Float32Array(0);
  private projected = new Float32Array(0);
  private routerLogits = new Float32Array(0);
  private chosenExperts = new Int32Array(0);
  private chosenWeights = new Float32Array(0);
  private expertTokens = new Int32Array(0);
  private expertTokenWeights = new Float32Array(0);
  private gathered = new Float32Array(0);
  private gateUp = new Float32Array(0);
  private activated = new Float32Array(0);
  private expertOut = new Float32Array(0);
  private moeOut = new Float32Array(0);
  private logitInput = new Float32Array(0);
  private logits = new Float32Array(0);
  private scores = new Float64Array(0);
  private readonly expertCounts: Int32Array;
  private readonly expertStarts: Int32Array;
  private readonly headOutput: Float64Array;

  constructor(
    readonly weights: ModelWeights,
    readonly backend: KernelBackend,
    options: MoeModelOptions = {},
  ) {
    this.shape = weights.shape;
    this.kvCacheFormat = options.kvCacheFormat ?? 'fp32';
    this.recordRouting = options.recordRouting ?? false;
    this.rope = new RopeTable(this.shape.headDim, this.shape.ropeTheta);
    this.expertCounts = new Int32Array(this.shape.expertCount);
    this.expertStarts = new Int32Array(this.shape.expertCount + 1);
    this.headOutput = new Float64Array(2 * this.shape.headDim);
  }

  createCache(capacityTokens: number): SequenceKvCache {
    const { layers, kvHeads, headDim } = this.shape;
    return new SequenceKvCache({ layers, kvHeads, headDim, format: this.kvCacheFormat }, capacityTokens);
  }

  step(segments: readonly StepSegment[]): StepResult {
    const shape = this.shape;
    const d = shape.hiddenSize;
    let tokenCount = 0;
    let logitRows = 0;
    let maxPosition = 0;
    const logitRowOfSegment: number[] = [];
    for (const segment of segments) {
      const length = segment.tokens.length;
      if (length === 0) throw new RangeError('segments: every segment needs at least one token');
      if (segment.cache.length + length > segment.cache.capacityTokens) {
        throw new RangeError(`segments: ${length} tokens at position ${segment.cache.length} exceed the KV cache capacity of ${segment.cache.capacityTokens}`);
      }
      tokenCount += length;
      maxPosition = Math.max(maxPosition, segment.cache.length + length);
      logitRowOfSegment.push(segment.logits === 'none' ? -1 : logitRows);
      logitRows += segment.logits === 'all' ? length : segment.logits === 'last' ? 1 : 0;
    }
    this.ensureCapacity(tokenCount, logitRows, maxPosition);
    this.rope.ensure(maxPosition);
    const accounting: StepAccounting = { flops: 0, weightBytes: 0, kvBytesRead: 0, distinctExpertsPerLayer: [] };
    const routedExperts: Int32Array[] | null = this.recordRouting ? [] : null;
    const nativeAttention = this.backend.attend !== undefined && shape.headDim % 16 === 0 && shape.headDim <= 256;

    // Embedding lookup.
    let row = 0;
    for (const segment of segments) {
      for (let i = 0; i < segment.tokens.length; i++, row++) {
        const token = segment.tokens[i]!;
        if (!Number.isInteger(token) || token < 0 || token >= shape.vocabSize) throw new RangeError(`segments.tokens: token ${token} is outside the vocabulary of ${shape.vocabSize}`);
        this.x.set(this.weights.embedding.subarray(token * d, (token + 1) * d), row * d);
      }
    }

    for (let l = 0; l < shape.layers; l++) {
      const layer = this.weights.layers[l]!;
      if (this.backend.attentionBlock !== undefined && nativeAttention) {
        // One backend call for the layer's attention half, bit-identical to the branch below. At
        // batch 64 the norms, RoPE, cache writes and residual add cost ≈ 6 ms of a ≈ 66 ms
        // two-thread step in TypeScript, on one thread, while the other core waited.
        this.backend.attentionBlock({
          x: this.x,
          tokenCount,
          hiddenSize: d,
          rmsNormEpsilon: shape.rmsNormEpsilon,
          inputNorm: layer.inputNorm,
          postAttentionNorm: layer.postAttentionNorm,
          qkvWeights: layer.qkv,
          oWeights: layer.o,
          routerWeights: layer.router,
          ropeCos: this.rope.cosTable,
          ropeSin: this.rope.sinTable,
          queryHeads: shape.queryHeads,
          kvHeads: shape.kvHeads,
          headDim: shape.headDim,
          segments: layerSegments(l, segments),
          qkv: this.qkv,
          attention: this.attention,
          projected: this.projected,
          normed: this.normed,
          routerLogits: this.routerLogits,
        });
        this.account(tokenCount, layer.qkv, accounting);
        this.accountAttention(segments, accounting);
        this.account(tokenCount, layer.o, accounting);
        this.account(tokenCount, layer.router, accounting);
      } else {
        rmsNorm(this.x, layer.inputNorm, tokenCount, d, shape.rmsNormEpsilon, this.normed);
        this.matmul(this.normed, tokenCount, layer.qkv, this.qkv, accounting);
        this.attend(l, segments, nativeAttention);
        this.accountAttention(segments, accounting);
        this.matmul(this.attention, tokenCount, layer.o, this.projected, accounting);
        addInPlace(this.x, this.projected, tokenCount * d);

        rmsNorm(this.x, layer.postAttentionNorm, tokenCount, d, shape.rmsNormEpsilon, this.normed);
        this.matmul(this.normed, tokenCount, layer.router, this.routerLogits, accounting);
      }
      routeTopK(this.routerLogits, tokenCount, shape.expertCount, shape.topK, this.chosenExperts, this.chosenWeights);
      routedExperts?.push(this.chosenExperts.slice(0, tokenCount * shape.topK));
      this.moeOut.fill(0, 0, tokenCount * d);
      accounting.distinctExpertsPerLayer.push(this.runRoutedExperts(layer.experts, tokenCount, accounting));
      for (const shared of layer.sharedExperts) this.runSharedExpert(shared, tokenCount, accounting);
      addInPlace(this.x, this.moeOut, tokenCount * d);
    }

    if (logitRows > 0) {
      row = 0;
      let logitRow = 0;
      for (const segment of segments) {
        const length = segment.tokens.length;
        const from = segment.logits === 'all' ? row : segment.logits === 'last' ? row + length - 1 : row + length;
        for (let r = from; r < row + length; r++, logitRow++) this.logitInput.set(this.x.subarray(r * d, (r + 1) * d), logitRow * d);
        row += length;
      }
      rmsNorm(this.logitInput, this.weights.finalNorm, logitRows, d, shape.rmsNormEpsilon, this.logitInput);
      this.matmul(this.logitInput, logitRows, this.weights.lmHead, this.logits, accounting);
    }
    for (const segment of segments) segment.cache.length += segment.tokens.length;
    return { logits: this.logits.subarray(0, logitRows * shape.vocabSize), logitRowOfSegment, accounting, routedExperts };
  }

  private matmul(x: Float32Array, tokenCount: number, weights: PackedMatrix, y: Float32Array, accounting: StepAccounting): void {
    this.backend.matmul(x, tokenCount, weights, y);
    this.account(tokenCount, weights, accounting);
  }

  private account(tokenCount: number, weights: PackedMatrix, accounting: StepAccounting): void {
    accounting.flops += 2 * tokenCount * weights.rows * weights.cols;
    accounting.weightBytes += weights.weightBytes;
  }

  /** RoPE, KV append and causal GQA attention for every token of every segment, for layer `l`. */
  private attend(l: number, segments: readonly StepSegment[], native: boolean): void {
    const { queryHeads, kvHeads, headDim } = this.shape;
    const qkvWidth = (queryHeads + 2 * kvHeads) * headDim;
    const attentionWidth = queryHeads * headDim;
    const kvWidth = kvHeads * headDim;
    const scores = this.scores;
    const out = this.headOutput;
    const geometry: AttentionGeometry = { queryHeads, kvHeads, headDim, qkvWidth, attentionWidth, softmaxScale: 1 / Math.sqrt(headDim) };
    let row = 0;
    for (const segment of segments) {
      const cache = segment.cache;
      const start = cache.length;
      const length = segment.tokens.length;
      for (let i = 0; i < length; i++) {
        const base = (row + i) * qkvWidth;
        this.rope.apply(this.qkv, base, queryHeads + kvHeads, start + i);
        cache.write(l, start + i, this.qkv, base + attentionWidth, this.qkv, base + attentionWidth + kvWidth);
      }
      // Natively, every segment goes to the backend in one call below.
      if (!native) {
        const keys = cache.keys[l]!;
        // Two monomorphic loops: one function over Float32Array and Int8Array caches would make V8's
        // element access polymorphic in the hottest loop of the engine.
        if (keys instanceof Int8Array) {
          attendInt8(this.qkv, this.attention, row, start, length, keys, cache.values[l] as Int8Array, cache.keyScales[l]!, cache.valueScales[l]!, geometry, scores, out);
        } else {
          attendFp32(this.qkv, this.attention, row, start, length, keys, cache.values[l] as Float32Array, geometry, scores, out);
        }
      }
      row += length;
    }
    if (native) this.backend.attend!({ qkv: this.qkv, output: this.attention, queryHeads, kvHeads, headDim, segments: layerSegments(l, segments) });
  }

  /** Attention's FLOPs and KV bytes for every segment (the same whichever path ran it). */
  private accountAttention(segments: readonly StepSegment[], accounting: StepAccounting): void {
    const { queryHeads, kvHeads, headDim } = this.shape;
    for (const segment of segments) {
      const start = segment.cache.length;
      const length = segment.tokens.length;
      for (let i = 0; i < length; i++) accounting.flops += 4 * queryHeads * headDim * (start + i + 1);
      accounting.kvBytesRead += (start + length) * kvHeads * (segment.cache.layout.format === 'int8' ? headDim + 4 : 4 * headDim) * 2;
    }
  }

  /** Groups tokens by expert and runs each touched expert once over its tokens; returns how many were touched. */
  private runRoutedExperts(experts: readonly ExpertWeights[], tokenCount: number, accounting: StepAccounting): number {
    const { expertCount, topK, hiddenSize: d } = this.shape;
    const counts = this.expertCounts;
    const starts = this.expertStarts;
    counts.fill(0);
    const assignments = tokenCount * topK;
    for (let a = 0; a < assignments; a++) counts[this.chosenExperts[a]!]!++;
    starts[0] = 0;
    for (let e = 0; e < expertCount; e++) starts[e + 1] = starts[e]! + counts[e]!;
    counts.fill(0);
    // Tokens in ascending order within each expert, so the batch never changes a row's arithmetic.
    for (let a = 0; a < assignments; a++) {
      const e = this.chosenExperts[a]!;
      const slot = starts[e]! + counts[e]!++;
      this.expertTokens[slot] = (a / topK) | 0;
      this.expertTokenWeights[slot] = this.chosenWeights[a]!;
    }
    let touched = 0;
    if (this.backend.runRoutedExperts) {
      // One backend call for the whole layer (bit-identical to the loop below; see
      // RoutedExpertsBatch); the accounting is the same per touched expert.
      for (let e = 0; e < expertCount; e++) {
        const m = counts[e]!;
        if (m === 0) continue;
        touched++;
        this.account(m, experts[e]!.gateUp, accounting);
        this.account(m, experts[e]!.down, accounting);
      }
      this.backend.runRoutedExperts({
        input: this.normed,
        hiddenSize: d,
        experts,
        starts,
        tokens: this.expertTokens,
        weights: this.expertTokenWeights,
        output: this.moeOut,
      });
      return touched;
    }
    // Locals, not this.x reads, inside the loops: V8 then keeps the arrays in registers.
    const normed = this.normed;
    const gathered = this.gathered;
    const moeOut = this.moeOut;
    const expertTokens = this.expertTokens;
    const expertTokenWeights = this.expertTokenWeights;
    for (let e = 0; e < expertCount; e++) {
      const m = counts[e]!;
      if (m === 0) continue;
      touched++;
      const first = starts[e]!;
      for (let j = 0; j < m; j++) {
        const from = expertTokens[first + j]! * d;
        const to = j * d;
        for (let c = 0; c < d; c++) gathered[to + c] = normed[from + c]!;
      }
      this.runExpert(experts[e]!, m, accounting);
      const expertOut = this.expertOut;
      for (let j = 0; j < m; j++) {
        const outBase = expertTokens[first + j]! * d;
        const w = expertTokenWeights[first + j]!;
        const fromBase = j * d;
        for (let c = 0; c < d; c++) moeOut[outBase + c] = moeOut[outBase + c]! + w * expertOut[fromBase + c]!;
      }
    }
    return touched;
  }

  private runSharedExpert(expert: ExpertWeights, tokenCount: number, accounting: StepAccounting): void {
    const d = this.shape.hiddenSize;
    this.gathered.set(this.normed.subarray(0, tokenCount * d));
    this.runExpert(expert, tokenCount, accounting);
    addInPlace(this.moeOut, this.expertOut, tokenCount * d);
  }

  /** SwiGLU over `this.gathered` (m rows): down(silu(gate) × up) into `this.expertOut`. */
  private runExpert(expert: ExpertWeights, m: number, accounting: StepAccounting): void {
    const width = expert.down.cols;
    this.matmul(this.gathered, m, expert.gateUp, this.gateUp, accounting);
    const gateUp = this.gateUp;
    const activated = this.activated;
    if (this.backend.swiglu) {
      this.backend.swiglu(gateUp, m, width, activated);
    } else {
      for (let j = 0; j < m; j++) {
        const from = j * 2 * width;
        const to = j * width;
        for (let c = 0; c < width; c++) {
          const gate = gateUp[from + c]!;
          activated[to + c] = (gate / (1 + Math.exp(-gate))) * gateUp[from + width + c]!;
        }
      }
    }
    this.matmul(this.activated, m, expert.down, this.expertOut, accounting);
  }

  private ensureCapacity(tokenCount: number, logitRows: number, positions: number): void {
    const shape = this.shape;
    if (this.scores.length < 2 * positions) this.scores = new Float64Array(Math.max(2 * positions, this.scores.length * 2));
    if (this.logits.length < logitRows * shape.vocabSize) {
      const rows = Math.max(logitRows, (this.logits.length / shape.vocabSize) * 2);
      this.logits = new Float32Array(rows * shape.vocabSize);
      this.logitInput = new Float32Array(rows * shape.hiddenSize);
    }
    if (tokenCount <= this.capacityTokens) return;
    const n = Math.max(tokenCount, this.capacityTokens * 2);
    const d = shape.hiddenSize;
    const width = Math.max(shape.expertIntermediateSize, shape.sharedExpertIntermediateSize);
    this.x = new Float32Array(n * d);
    this.normed = new Float32Array(n * d);
    this.qkv = new Float32Array(n * (shape.queryHeads + 2 * shape.kvHeads) * shape.headDim);
    this.attention = new Float32Array(n * shape.queryHeads * shape.headDim);
    this.projected = new Float32Array(n * d);
    this.routerLogits = new Float32Array(n * shape.expertCount);
    this.chosenExperts = new Int32Array(n * shape.topK);
    this.chosenWeights = new Float32Array(n * shape.topK);
    this.expertTokens = new Int32Array(n * shape.topK);
    this.expertTokenWeights = new Float32Array(n * shape.topK);
    this.gathered = new Float32Array(n * d);
    this.gateUp = new Float32Array(n * 2 * width);
    this.activated = new Float32Array(n * width);
    this.expertOut = new Float32Array(n * d);
    this.moeOut = new Float32Array(n * d);
    this.capacityTokens = n;
  }
}

/** The segments of a step with their caches for layer `l`, as the backend's attention takes them. */
function layerSegments(l: number, segments: readonly StepSegment[]): AttentionSegmentInput[] {
  const batch: AttentionSegmentInput[] = [];
  let row = 0;
  for (const { cache, tokens } of segments) {
    const keys = cache.keys[l]!;
    batch.push(
      keys instanceof Int8Array
        ? { row, start: cache.length, length: tokens.length, keys, values: cache.values[l]!, keyScales: cache.keyScales[l]!, valueScales: cache.valueScales[l]! }
        : { row, start: cache.length, length: tokens.length, keys, values: cache.values[l]! },
    );
    row += tokens.length;
  }
  return batch;
}

/** y = x / √(mean(x²) + ε) × weight, per row (y may alias x). */
export function rmsNorm(x: Float32Array, weight: Float32Array, rows: number, width: number, epsilon: number, y: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    let sumSquares = 0;
    for (let c = 0; c < width; c++) sumSquares += x[base + c]! * x[base + c]!;
    const inverse = 1 / Math.sqrt(sumSquares / width + epsilon);
    for (let c = 0; c < width; c++) y[base + c] = x[base + c]! * inverse * weight[c]!;
  }
}

function addInPlace(target: Float32Array, source: Float32Array, count: number): void {
  for (let i = 0; i < count; i++) target[i] = target[i]! + source[i]!;
}
