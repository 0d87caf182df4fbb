import { expectedDistinctExperts } from '../moe/distinct-experts.js';
import type { StepTime } from '../types.js';
import type { PreparedDeployment } from './prepared-deployment.js';

/**
 * Mutable sums of one or more forward steps (prefill chunks add up). Internal: lets the hot paths
 * evaluate step times without allocating, and keeps the roofline formula in one place (addStep).
 */
export class StepAccumulator {
  stepSeconds = 0;
  computeSeconds = 0;
  memorySeconds = 0;
  communicationSeconds = 0;
  overheadSeconds = 0;
  /** Per-kernel roofline only (perKernel): attention FLOPs' and KV bytes' parts of computeSeconds / memorySeconds. */
  attentionComputeSeconds = 0;
  attentionMemorySeconds = 0;
  perKernel = false;
  flops = 0;
  bytesMoved = 0;
  /** Of the first step added (for prefill: the first, full chunk). */
  distinctExpertsPerLayer = 0;
  steps = 0;

  reset(): this {
    this.stepSeconds = 0;
    this.computeSeconds = 0;
    this.memorySeconds = 0;
    this.communicationSeconds = 0;
    this.overheadSeconds = 0;
    this.attentionComputeSeconds = 0;
    this.attentionMemorySeconds = 0;
    this.perKernel = false;
    this.flops = 0;
    this.bytesMoved = 0;
    this.distinctExpertsPerLayer = 0;
    this.steps = 0;
    return this;
  }

  toStepTime(): StepTime {
    const base: StepTime = {
      stepSeconds: this.stepSeconds,
      computeSeconds: this.computeSeconds,
      memorySeconds: this.memorySeconds,
      communicationSeconds: this.communicationSeconds,
      overheadSeconds: this.overheadSeconds,
      flops: this.flops,
      bytesMoved: this.bytesMoved,
      distinctExpertsPerLayer: this.distinctExpertsPerLayer,
      bound: this.computeSeconds >= this.memorySeconds ? 'compute' : 'bandwidth',
    };
    if (!this.perKernel) return base;
    return {
      ...base,
      attentionComputeSeconds: this.attentionComputeSeconds,
      attentionMemorySeconds: this.attentionMemorySeconds,
    };
  }
}

/**
 * Adds one forward step over `tokens` new tokens to `acc` (DESIGN.md roofline):
 *
 *   compute  = Σ over GEMM groups of FLOPs / (peak of its format × TP × η_compute)
 *   memory   = (dense weights + MoE layers × distinct experts × expert bytes + activations)
 *                 / (HBM bandwidth × TP × η_memory)
 *            + (KV read + KV written) / (HBM bandwidth × TP × η_attention)
 *   step     = max(compute, memory) + communication + overhead + sequences × overhead per sequence
 *
 * Per-kernel roofline (efficiency.perKernelRoofline): the weight GEMMs and the attention kernels
 * each get their own roofline and run one after the other,
 *   step     = max(GEMM compute, weight + activation bytes) + max(attention compute, KV bytes)
 *            + communication + overhead + sequences × overhead per sequence
 * (computeSeconds and memorySeconds still report the totals).
 *
 * `attentionFlops` is everything that runs at BF16 peak outside the weight GEMMs (attention scores
 * and values, MLA context up-projection); `kvReadTokens` is the number of cached tokens whose KV
 * is read from HBM; every new token writes its KV once. `sequences` is the number of requests the
 * step carries (decode: the batch; prefill: the prompt pieces of the chunk), for the host cost
 * per request. η_attention defaults to η_memory and the per-sequence cost to 0
 * (EfficiencyCoefficients), which leaves the formula as it was.
 */
export function addStep(
  p: PreparedDeployment,
  acc: StepAccumulator,
  tokens: number,
  attentionFlops: number,
  kvReadTokens: number,
  sequences: number,
): void {
  const distinctExperts = expectedDistinctExperts(p.numRoutedExperts, p.topK, tokens);
  const denseFlops = tokens * p.denseFlopsPerToken;
  const routedFlops = tokens * p.routedFlopsPerToken;
  const computeSeconds =
    denseFlops * p.secondsPerDenseFlop +
    routedFlops * p.secondsPerRoutedFlop +
    attentionFlops * p.secondsPerAttentionFlop;
  const kvBytes = (kvReadTokens + tokens) * p.kvBytesPerToken;
  const bytes =
    p.denseWeightBytesPerStep +
    p.numMoeLayers * distinctExperts * p.bytesPerRoutedExpert +
    kvBytes +
    tokens * p.activationBytesPerToken;
  // One product when attention streams KV as fast as the GEMMs stream weights (the default), so
  // uncalibrated results are bit-for-bit those of the single-η formula.
  const memorySeconds =
    p.secondsPerKvByte === p.secondsPerByte
      ? bytes * p.secondsPerByte
      : (bytes - kvBytes) * p.secondsPerByte + kvBytes * p.secondsPerKvByte;
  const communicationSeconds =
    p.communicationLatencySeconds === 0 ? 0 : p.communicationLatencySeconds + tokens * p.communicationSecondsPerToken;

  if (acc.steps === 0) acc.distinctExpertsPerLayer = distinctExperts;
  acc.steps += 1;
  acc.computeSeconds += computeSeconds;
  acc.memorySeconds += memorySeconds;
  acc.communicationSeconds += communicationSeconds;
  const overheadSeconds = p.overheadSeconds + sequences * p.overheadSecondsPerSequence;
  acc.overheadSeconds += overheadSeconds;
  acc.flops += denseFlops + routedFlops + attentionFlops;
  acc.bytesMoved += bytes;
  if (p.perKernelRoofline) {
    const attentionCompute = attentionFlops * p.secondsPerAttentionFlop;
    const attentionMemory = kvBytes * p.secondsPerKvByte;
    const gemmCompute = denseFlops * p.secondsPerDenseFlop + routedFlops * p.secondsPerRoutedFlop;
    const gemmMemory = (bytes - kvBytes) * p.secondsPerByte;
    acc.perKernel = true;
    acc.attentionComputeSeconds += attentionCompute;
    acc.attentionMemorySeconds += attentionMemory;
    acc.stepSeconds +=
      (gemmCompute > gemmMemory ? gemmCompute : gemmMemory) +
      (attentionCompute > attentionMemory ? attentionCompute : attentionMemory) +
      communicationSeconds +
      overheadSeconds;
    return;
  }
  acc.stepSeconds +=
    (computeSeconds > memorySeconds ? computeSeconds : memorySeconds) + communicationSeconds + overheadSeconds;
}
