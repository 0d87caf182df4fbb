import { kvBytesPerToken } from '../memory/kv-bytes-per-token.js';
import { COLLECTIVE_LATENCY_SECONDS, ACTIVATION_BYTES_PER_ELEMENT } from '../roofline/communication.js';
import { prepareDeployment, type PreparedDeployment } from '../roofline/prepared-deployment.js';
import type { DeploymentSpec } from '../types.js';
import {
  requireNonNegativeFinite,
  requireNonNegativeInteger,
  requireOpenClosedFraction,
  requirePositiveFinite,
  requirePositiveInteger,
} from '../validation/require.js';
import { overlappedStepSeconds } from './two-batch-overlap.js';
import type { ExpertParallelMemory, ExpertParallelPoolSpec, ExpertParallelStep } from './types.js';

/**
 * Per-GPU constants of a data-parallel-attention GPU: exactly what one GPU of a TP-1 replica
 * computes (prepared-deployment.ts), so attention, dense and format rules stay in one place.
 * maxBatchSequences / prefillChunkTokens are unused here and only need to be valid.
 */
function preparePerGpu(spec: ExpertParallelPoolSpec): PreparedDeployment {
  const perGpu: DeploymentSpec = {
    gpu: spec.gpu,
    model: spec.model,
    weightFormat: spec.weightFormat,
    expertWeightFormat: spec.expertWeightFormat,
    kvCacheFormat: spec.kvCacheFormat,
    tensorParallelSize: 1,
    expertParallel: false,
    usableHbmFraction: spec.usableHbmFraction,
    reservedBytesPerGpu: spec.reservedBytesPerGpu,
    maxBatchSequences: 1,
    prefillChunkTokens: 1,
    efficiency: spec.efficiency,
  };
  return prepareDeployment(perGpu);
}

function validatePool(spec: ExpertParallelPoolSpec): void {
  if (spec === null || typeof spec !== 'object') throw new RangeError(`spec: must be an object, got ${String(spec)}`);
  requirePositiveInteger(spec.expertParallelSize, 'expertParallelSize');
  requireNonNegativeInteger(spec.redundantExpertsPerLayer, 'redundantExpertsPerLayer');
  requirePositiveFinite(spec.expertLoadImbalanceFactor, 'expertLoadImbalanceFactor');
  if (spec.expertLoadImbalanceFactor < 1) {
    throw new RangeError(`expertLoadImbalanceFactor: must be at least 1, got ${spec.expertLoadImbalanceFactor}`);
  }
  if (typeof spec.overlapCommunication !== 'boolean') {
    throw new RangeError(`overlapCommunication: must be a boolean, got ${String(spec.overlapCommunication)}`);
  }
  requirePositiveFinite(spec.dispatchBytesPerElement, 'dispatchBytesPerElement');
  requireOpenClosedFraction(spec.usableHbmFraction, 'usableHbmFraction');
  requireNonNegativeFinite(spec.reservedBytesPerGpu, 'reservedBytesPerGpu');
}

function slotsPerGpu(spec: ExpertParallelPoolSpec): number {
  return (spec.model.moe.numRoutedExperts + spec.redundantExpertsPerLayer) / spec.expertParallelSize;
}

/**
 * Memory of one GPU of the pool: the dense part whole, (E + R) / EP expert slots of every MoE
 * layer, the rest KV cache for this GPU's own sequences.
 *
 * @throws RangeError naming the offending field.
 */
export function expertParallelMemory(spec: ExpertParallelPoolSpec): ExpertParallelMemory {
  validatePool(spec);
  return memoryOf(spec, preparePerGpu(spec));
}

function memoryOf(spec: ExpertParallelPoolSpec, p: PreparedDeployment): ExpertParallelMemory {
  const w = p.memory.weights;
  const denseBytes = w.totalBytes - w.routedExpertBytes;
  const weightsBytesPerGpu = denseBytes + p.numMoeLayers * slotsPerGpu(spec) * p.bytesPerRoutedExpert;
  const usableBytes = spec.gpu.hbmBytes * spec.usableHbmFraction - spec.reservedBytesPerGpu;
  const fitsWeights = usableBytes > 0 && weightsBytesPerGpu <= usableBytes;
  const kvCacheBytesPerGpu = fitsWeights ? usableBytes - weightsBytesPerGpu : 0;
  const perToken = kvBytesPerToken(spec.model, spec.kvCacheFormat);
  return {
    weightsBytesPerGpu,
    kvCacheBytesPerGpu,
    kvBytesPerToken: perToken,
    kvCapacityTokensPerGpu: Math.floor(kvCacheBytesPerGpu / perToken),
    fitsWeights,
  };
}

/**
 * One decode step of the pool: every GPU holds `sequencesPerGpu` sequences at mean context
 * `meanContextTokens` and produces one token each. Throughput per GPU = sequencesPerGpu / stepSeconds.
 * All-to-all in DeepEP low-latency mode (what SGLang decodes with): one RDMA message per expert
 * copy, no per-node deduplication.
 *
 * @throws RangeError naming the offending argument or field.
 */
export function expertParallelDecodeStep(
  spec: ExpertParallelPoolSpec,
  sequencesPerGpu: number,
  meanContextTokens: number,
): ExpertParallelStep {
  validatePool(spec);
  requirePositiveInteger(sequencesPerGpu, 'sequencesPerGpu');
  requireNonNegativeFinite(meanContextTokens, 'meanContextTokens');
  const p = preparePerGpu(spec);
  const contextTokens = sequencesPerGpu * meanContextTokens;
  return stepOf(spec, p, sequencesPerGpu, contextTokens * p.decodeAttentionFlopsPerPair, contextTokens, false, sequencesPerGpu);
}

/**
 * One prefill step of the pool: every GPU runs `promptsPerGpu` whole prompts of `promptTokens`
 * tokens (no cached prefix); attention stays within each prompt (P (P + 1) / 2 causal pairs).
 * Throughput per GPU = promptsPerGpu × promptTokens / stepSeconds. All-to-all in DeepEP normal
 * mode: a token crosses the network once per remote node that holds one of its experts, then
 * fans out over NVLink.
 *
 * @throws RangeError naming the offending argument or field.
 */
export function expertParallelPrefillStep(
  spec: ExpertParallelPoolSpec,
  promptsPerGpu: number,
  promptTokens: number,
): ExpertParallelStep {
  validatePool(spec);
  requirePositiveInteger(promptsPerGpu, 'promptsPerGpu');
  requirePositiveInteger(promptTokens, 'promptTokens');
  const p = preparePerGpu(spec);
  const pairs = (promptTokens * (promptTokens + 1)) / 2;
  const attentionFlops = promptsPerGpu * pairs * p.prefillAttentionFlopsPerPair;
  return stepOf(spec, p, promptsPerGpu * promptTokens, attentionFlops, 0, true, promptsPerGpu);
}

/**
 * Per GPU, the busiest one (imbalance ι on routed work):
 *   compute = t × dense FLOPs/token ÷ dense peak + ι t × routed FLOPs/token ÷ expert peak + attention ÷ BF16 peak
 *   memory  = (dense weights + MoE layers × touched local slots × expert bytes + KV + activations) ÷ HBM
 *   comm    = MoE layers × (ι × max(NVLink bytes ÷ NVLink, network bytes ÷ network) + 2 collective latencies)
 *   step    = overlap ? max(compute, memory, comm) : max(compute, memory) + comm;  + overhead
 *             (prefill's normal-mode kernels overlap in part: two-batch-overlap.ts)
 *             (per-kernel roofline: max(compute, memory) becomes max(GEMM compute, weight bytes)
 *              + max(attention compute, KV bytes))
 *             (+ sequences or prompts per GPU × overhead per sequence; KV bytes at η_attention, see step-accumulator.ts)
 * Each token sends k copies of hidden × dispatch bytes and gets k copies back at 2 bytes. With G
 * GPUs in nodes of n: (n − 1)/G of the copies stay in the node; remote copies are k (G − n)/G, or
 * with node deduplication N (1 − (1 − 1/N)^k) (N − 1)/N remote nodes per token (N = G / n).
 * Touched slots: S × (1 − (1 − k/E)^(G t E / (E + R))), the uniform-routing formula of
 * moe/distinct-experts.ts spread over E + R slots.
 */
function stepOf(
  spec: ExpertParallelPoolSpec,
  p: PreparedDeployment,
  tokensPerGpu: number,
  attentionFlops: number,
  kvReadTokens: number,
  dedupByNode: boolean,
  sequencesPerGpu: number,
): ExpertParallelStep {
  const G = spec.expertParallelSize;
  const E = p.numRoutedExperts;
  const R = spec.redundantExpertsPerLayer;
  const k = p.topK;
  const imbalance = spec.expertLoadImbalanceFactor;
  const slots = slotsPerGpu(spec);
  const poolTokens = G * tokensPerGpu;
  const untouchedFraction = Math.exp(((poolTokens * E) / (E + R)) * Math.log1p(-k / E));
  const distinctLocal = k === E ? slots : slots * (1 - untouchedFraction);

  const computeSeconds =
    tokensPerGpu * p.denseFlopsPerToken * p.secondsPerDenseFlop +
    imbalance * tokensPerGpu * p.routedFlopsPerToken * p.secondsPerRoutedFlop +
    attentionFlops * p.secondsPerAttentionFlop;
  const kvBytes = (kvReadTokens + tokensPerGpu) * p.kvBytesPerToken;
  const bytes =
    p.denseWeightBytesPerStep +
    p.numMoeLayers * distinctLocal * p.bytesPerRoutedExpert +
    kvBytes +
    tokensPerGpu * p.activationBytesPerToken;
  // As roofline/step-accumulator.ts: KV at η_attention (η_memory unless given).
  const memorySeconds =
    p.secondsPerKvByte === p.secondsPerByte
      ? bytes * p.secondsPerByte
      : (bytes - kvBytes) * p.secondsPerByte + kvBytes * p.secondsPerKvByte;

  let communicationSeconds = 0;
  if (G > 1 && p.numMoeLayers > 0) {
    const gpu = spec.gpu;
    const n = Math.min(G, gpu.gpusPerNode);
    const bytesPerCopy = spec.model.hiddenSize * (spec.dispatchBytesPerElement + ACTIVATION_BYTES_PER_ELEMENT);
    const intraCopies = (k * (n - 1)) / G;
    let remoteCopies = (k * (G - n)) / G;
    if (dedupByNode && G > n) {
      const nodes = G / n;
      remoteCopies = nodes * (1 - Math.pow(1 - 1 / nodes, k)) * ((nodes - 1) / nodes);
    }
    const eta = spec.efficiency.interconnectEfficiencyFraction;
    const intraSeconds = (tokensPerGpu * intraCopies * bytesPerCopy) / (gpu.interconnectBytesPerSecond * eta);
    const remoteSeconds = (tokensPerGpu * remoteCopies * bytesPerCopy) / (gpu.networkBytesPerSecond * eta);
    communicationSeconds =
      p.numMoeLayers * (imbalance * Math.max(intraSeconds, remoteSeconds) + 2 * COLLECTIVE_LATENCY_SECONDS);
  }

  // Per-kernel roofline (efficiency.perKernelRoofline, see roofline/step-accumulator.ts): weight
  // GEMMs and attention each at their own roofline, one after the other.
  const roofSeconds = p.perKernelRoofline
    ? Math.max(
        tokensPerGpu * p.denseFlopsPerToken * p.secondsPerDenseFlop +
          imbalance * tokensPerGpu * p.routedFlopsPerToken * p.secondsPerRoutedFlop,
        (bytes - kvBytes) * p.secondsPerByte,
      ) + Math.max(attentionFlops * p.secondsPerAttentionFlop, kvBytes * p.secondsPerKvByte)
    : Math.max(computeSeconds, memorySeconds);
  const overheadSeconds = p.overheadSeconds + sequencesPerGpu * p.overheadSecondsPerSequence;
  const stepSeconds =
    (spec.overlapCommunication ? overlappedStepSeconds(roofSeconds, communicationSeconds, dedupByNode) : roofSeconds + communicationSeconds) +
    overheadSeconds;
  let bound: ExpertParallelStep['bound'] = computeSeconds >= memorySeconds ? 'compute' : 'bandwidth';
  if (communicationSeconds > roofSeconds) bound = 'communication';
  return {
    stepSeconds,
    computeSeconds,
    memorySeconds,
    communicationSeconds,
    overheadSeconds,
    tokensPerGpu,
    distinctLocalExpertsPerLayer: distinctLocal,
    bound,
  };
}

