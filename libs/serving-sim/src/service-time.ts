import {
  decodeStepTimePrepared,
  prefillStepTimePrepared,
  type PreparedDeployment,
} from '../../capacity/src/index.js';
import type { RandomSource } from '../../cost/src/index.js';
import type { ServiceTimeKind, ServiceTimeSpec } from './types.js';

/**
 * How long work takes on a replica (strategy, house rule 6). "step" models run continuous
 * batching: stepSeconds of a step's decode sequences and prefill pieces. "request" models serve a
 * whole request in one draw (queueing-theory tests).
 */
export interface ServiceModel {
  readonly granularity: 'step' | 'request';
  /** Decode part of a step: `sequences` ≥ 1 tokens at this mean context. */
  decodeSeconds(sequences: number, meanContextTokens: number): number;
  /** One prefill piece of `tokens` new tokens after `earlierTokens` of the same prompt. */
  prefillPieceSeconds(tokens: number, earlierTokens: number): number;
  /** Per-step cost every part of a step would pay alone; a mixed step pays it once. */
  readonly fixedSecondsPerStep: number;
  requestSeconds(): number;
}

/**
 * Roofline step times from libs/capacity. A mixed step (decode tokens plus prefill pieces) is
 * costed as its parts run back to back, with the fixed per-step overhead and collective latency
 * paid once: an upper bound on a fused step, whose prefill compute would hide part of the decode
 * weight reads. Decode is costed at the batch's mean context (exact for attention and KV reads,
 * which are linear in context).
 *
 * Speed without approximation: for a fixed batch (decode) or chunk size (prefill), the compute
 * and memory times of libs/capacity's roofline are linear in the context (attention FLOPs and KV
 * bytes grow with it; weights, experts touched and communication do not). So each size is
 * evaluated once at two contexts, and a step costs
 *   max(compute₀ + computeSlope × context, memory₀ + memorySlope × context) + communication + overhead,
 * the same number libs/capacity returns (checked in rooflineStepCache spec) without its per-call
 * validation and allocation.
 *
 * Under a per-kernel roofline (efficiency.perKernelRoofline) the weight-GEMM part of a step does
 * not depend on the context at all and the attention part is linear in it on both sides, so the
 * cache keeps the attention compute and KV-memory times apart and a step costs
 *   max(compute₀ − attnCompute₀, memory₀ − attnMemory₀)
 *     + max(attnCompute₀ + attnComputeSlope × context, attnMemory₀ + attnMemorySlope × context)
 *     + communication + overhead.
 */
function rooflineModel(prepared: PreparedDeployment): ServiceModel {
  const decode = new LinearStepCache(prepared.deployment.maxBatchSequences, (batch, context) =>
    decodeStepTimePrepared(prepared, batch, context),
  );
  const prefill = new LinearStepCache(prepared.deployment.prefillChunkTokens, (tokens, earlier) =>
    prefillStepTimePrepared(prepared, tokens, earlier),
  );
  return {
    granularity: 'step',
    decodeSeconds: (sequences, meanContextTokens) => decode.seconds(sequences, meanContextTokens),
    prefillPieceSeconds: (tokens, earlierTokens) => prefill.seconds(tokens, earlierTokens),
    fixedSecondsPerStep: prepared.overheadSeconds + prepared.communicationLatencySeconds,
    requestSeconds: () => {
      throw new RangeError('serviceTime: the roofline source times steps, not whole requests');
    },
  };
}

interface StepParts {
  readonly computeSeconds: number;
  readonly memorySeconds: number;
  /** Present under a per-kernel roofline (libs/capacity StepTime). */
  readonly attentionComputeSeconds?: number;
  readonly attentionMemorySeconds?: number;
  readonly communicationSeconds: number;
  readonly overheadSeconds: number;
  readonly stepSeconds: number;
}

/** Probe context for the slopes: large enough that float rounding of the difference is negligible. */
const PROBE_CONTEXT_TOKENS = 65_536;

/**
 * Per size 1..maxSize (lazily): compute and memory seconds at context 0 and their slopes per
 * context token; under a per-kernel roofline, the GEMM part (context-free) and the attention
 * compute and memory parts (base and slope) instead.
 */
class LinearStepCache {
  private readonly computeBase: Float64Array;
  private readonly computeSlope: Float64Array;
  private readonly memoryBase: Float64Array;
  private readonly memorySlope: Float64Array;
  private readonly fixed: Float64Array;
  private readonly known: Uint8Array;
  /** Per-kernel roofline only: the attention parts at context 0 (their slopes go in computeSlope / memorySlope). */
  private readonly attentionComputeBase: Float64Array;
  private readonly attentionMemoryBase: Float64Array;
  /** 0: one max over the step; 1: per-kernel sum (libs/capacity's StepTime says which). */
  private readonly perKernel: Uint8Array;

  constructor(
    private readonly maxSize: number,
    private readonly evaluate: (size: number, context: number) => StepParts,
  ) {
    this.computeBase = new Float64Array(maxSize + 1);
    this.computeSlope = new Float64Array(maxSize + 1);
    this.memoryBase = new Float64Array(maxSize + 1);
    this.memorySlope = new Float64Array(maxSize + 1);
    this.fixed = new Float64Array(maxSize + 1);
    this.known = new Uint8Array(maxSize + 1);
    this.attentionComputeBase = new Float64Array(maxSize + 1);
    this.attentionMemoryBase = new Float64Array(maxSize + 1);
    this.perKernel = new Uint8Array(maxSize + 1);
  }

  seconds(size: number, context: number): number {
    // Sizes past the cache (a prefill piece longer than one chunk) are split by libs/capacity itself.
    if (size > this.maxSize) return this.evaluate(size, context).stepSeconds;
    if (this.known[size] === 0) this.learn(size);
    if (this.perKernel[size] === 1) {
      // computeBase / memoryBase hold the GEMM part; computeSlope / memorySlope the attention parts' slopes.
      const attentionCompute = this.attentionComputeBase[size]! + this.computeSlope[size]! * context;
      const attentionMemory = this.attentionMemoryBase[size]! + this.memorySlope[size]! * context;
      const gemm = this.computeBase[size]! > this.memoryBase[size]! ? this.computeBase[size]! : this.memoryBase[size]!;
      return gemm + (attentionCompute > attentionMemory ? attentionCompute : attentionMemory) + this.fixed[size]!;
    }
    const compute = this.computeBase[size]! + this.computeSlope[size]! * context;
    const memory = this.memoryBase[size]! + this.memorySlope[size]! * context;
    return (compute > memory ? compute : memory) + this.fixed[size]!;
  }

  private learn(size: number): void {
    const at0 = this.evaluate(size, 0);
    const atProbe = this.evaluate(size, PROBE_CONTEXT_TOKENS);
    this.fixed[size] = at0.communicationSeconds + at0.overheadSeconds;
    this.known[size] = 1;
    if (at0.attentionComputeSeconds !== undefined && at0.attentionMemorySeconds !== undefined) {
      const probeCompute = atProbe.attentionComputeSeconds ?? 0;
      const probeMemory = atProbe.attentionMemorySeconds ?? 0;
      this.perKernel[size] = 1;
      this.computeBase[size] = at0.computeSeconds - at0.attentionComputeSeconds;
      this.memoryBase[size] = at0.memorySeconds - at0.attentionMemorySeconds;
      this.attentionComputeBase[size] = at0.attentionComputeSeconds;
      this.attentionMemoryBase[size] = at0.attentionMemorySeconds;
      this.computeSlope[size] = (probeCompute - at0.attentionComputeSeconds) / PROBE_CONTEXT_TOKENS;
      this.memorySlope[size] = (probeMemory - at0.attentionMemorySeconds) / PROBE_CONTEXT_TOKENS;
      return;
    }
    this.computeBase[size] = at0.computeSeconds;
    this.computeSlope[size] = (atProbe.computeSeconds - at0.computeSeconds) / PROBE_CONTEXT_TOKENS;
    this.memoryBase[size] = at0.memorySeconds;
    this.memorySlope[size] = (atProbe.memorySeconds - at0.memorySeconds) / PROBE_CONTEXT_TOKENS;
  }
}

function exponentialModel(meanSeconds: number, random: RandomSource): ServiceModel {
  if (!Number.isFinite(meanSeconds) || meanSeconds <= 0) {
    throw new RangeError(`serviceTime.meanSeconds: must be a finite number > 0, got ${String(meanSeconds)}`);
  }
  const notStepped = (): number => {
    throw new RangeError('serviceTime: the exponential source times whole requests, not steps');
  };
  return {
    granularity: 'request',
    decodeSeconds: notStepped,
    prefillPieceSeconds: notStepped,
    fixedSecondsPerStep: 0,
    // Inverse transform; 1 − u is in (0, 1], so the logarithm is finite.
    requestSeconds: () => -meanSeconds * Math.log(1 - random()),
  };
}

type ServiceModelFactory<K extends ServiceTimeKind> = (spec: Extract<ServiceTimeSpec, { kind: K }>, random: RandomSource) => ServiceModel;

export const SERVICE_TIME_SOURCES: { readonly [K in ServiceTimeKind]: ServiceModelFactory<K> } = {
  roofline: (spec) => rooflineModel(spec.prepared),
  exponential: (spec, random) => exponentialModel(spec.meanSeconds, random),
};

export function createServiceModel(spec: ServiceTimeSpec, random: RandomSource): ServiceModel {
  const factory = SERVICE_TIME_SOURCES[spec.kind] as ServiceModelFactory<ServiceTimeKind> | undefined;
  if (factory === undefined) throw new RangeError(`serviceTime.kind: must be one of ${Object.keys(SERVICE_TIME_SOURCES).join(', ')}, got ${String(spec.kind)}`);
  return factory(spec, random);
}
