import type { ComputeFormat, ParameterCounts } from '../../../catalog/src/index.js';
import { computeEfficiencyFor } from '../efficiency/defaults.js';
import { effectiveComputeFormat } from '../../../catalog/src/index.js';
import { parameterCounts } from '../memory/parameter-counts.js';
import { validateDeployment } from '../deployment/validate-deployment.js';
import { memoryFromWeights } from '../memory/memory-per-replica.js';
import { weightBytesFromCounts } from '../memory/weight-bytes.js';
import type { DeploymentSpec, MemoryBreakdown } from '../types.js';
import { ACTIVATION_BYTES_PER_ELEMENT, communicationCost } from './communication.js';

/**
 * Activation traffic per token: per layer the attention block reads and writes the hidden state,
 * and so does the FFN / MoE block (4 × hidden), plus one row of logits (vocab), all 16-bit.
 * Intermediate GEMM outputs of fused kernels are not counted. Under 1 % of a decode step's bytes;
 * kept so that bytes grow with the tokens of a step even where no weight or KV term does.
 */
const RESIDUAL_TENSORS_PER_LAYER = 4;

/**
 * Everything about a deployment that step-time evaluations need, computed and validated once.
 * Plain numbers, so the hot loops of replicaThroughput (and serving-sim) do no lookups and no
 * allocation. Build with prepareDeployment.
 */
export interface PreparedDeployment {
  readonly deployment: DeploymentSpec;
  readonly counts: ParameterCounts;
  readonly memory: MemoryBreakdown;
  readonly numMoeLayers: number;
  readonly numRoutedExperts: number;
  readonly topK: number;
  /**
   * Weights every step reads whatever the tokens: all but routed experts and the embedding table
   * (a row gather). Summed over the replica's GPUs: with data-parallel attention every GPU holds
   * and reads its own copy, so TP copies (the step is priced at TP × one GPU's bandwidth).
   */
  readonly denseWeightBytesPerStep: number;
  /** One routed expert of one layer. */
  readonly bytesPerRoutedExpert: number;
  /** 2 × active matmul parameters outside routed experts (LM head included, embedding excluded). */
  readonly denseFlopsPerToken: number;
  /** 2 × topK × params per expert × MoE layers. */
  readonly routedFlopsPerToken: number;
  /** Attention-score and value FLOPs per (query token, context token) pair over all layers, decode form. */
  readonly decodeAttentionFlopsPerPair: number;
  /** Same for prefill (MLA runs un-absorbed, as multi-head attention, in prefill). */
  readonly prefillAttentionFlopsPerPair: number;
  /** MLA: up-projecting one cached latent token to per-head K and V when a later prefill chunk attends to it. */
  readonly prefillContextFlopsPerToken: number;
  /** Per replica, including replication across TP ranks (memory/kv-replication.ts). */
  readonly kvBytesPerToken: number;
  readonly activationBytesPerToken: number;
  readonly secondsPerDenseFlop: number;
  readonly secondsPerRoutedFlop: number;
  readonly secondsPerAttentionFlop: number;
  readonly secondsPerByte: number;
  /** KV-cache bytes read or written by attention: HBM × TP × η_attention (η_memory when not given). */
  readonly secondsPerKvByte: number;
  readonly communicationLatencySeconds: number;
  readonly communicationSecondsPerToken: number;
  readonly overheadSeconds: number;
  /**
   * Host time per sequence (decode) or prompt piece (prefill) in a step; 0 when not given. With
   * data-parallel attention each GPU's process handles only its 1/TP of the sequences, in
   * parallel with the others: the coefficient over TP.
   */
  readonly overheadSecondsPerSequence: number;
  /** efficiency.perKernelRoofline (false when absent). */
  readonly perKernelRoofline: boolean;
}

/**
 * Validates a deployment and precomputes its step-time constants.
 *
 * Compute formats: each GEMM runs at the peak of the format it effectively computes in on this
 * GPU (catalog effectiveComputeFormat): routed experts at the expert format's, everything else
 * at the dense weight format's. Attention scores and values run at BF16 peak whatever the weight
 * or KV format (FlashAttention / FlashMLA BF16 paths; FP8 attention kernels are not modelled).
 * Each part's time is its FLOPs over its own peak, summed. Attention runs at
 * η_attention-compute (efficiency.attentionComputeEfficiencyFraction, η_compute when absent) and
 * reads the KV cache at η_attention-memory (attentionMemoryEfficiencyFraction, η_memory when absent).
 *
 * Data-parallel attention (deployment.attentionDataParallel) changes three constants and nothing
 * in the step formula. With the batch balanced over the TP GPUs, one GPU's step on B / TP
 * sequences equals the replica's aggregate (TP × peak, TP × bandwidth) step on B: its dense
 * FLOPs B/TP × f / peak = B f / (TP peak), its KV (B/TP) C k / bw = B C k / (TP bw), its share of
 * the expert GEMMs and bytes likewise. What differs: each GPU streams the whole dense part
 * (denseWeightBytesPerStep × TP), the KV is not replicated (memoryPerReplica), the collectives
 * (communicationCost), and host work per sequence (overheadSecondsPerSequence / TP).
 *
 * @throws RangeError naming the offending field.
 */
export function prepareDeployment(deployment: DeploymentSpec): PreparedDeployment {
  validateDeployment(deployment);
  const { model, gpu, efficiency } = deployment;
  const counts = parameterCounts(model);
  const weights = weightBytesFromCounts(counts, deployment.weightFormat, deployment.expertWeightFormat);
  const memory = memoryFromWeights(deployment, weights);
  const tp = deployment.tensorParallelSize;
  const numMoeLayers = model.numLayers - model.numDenseLayers;
  const { numRoutedExperts, numActiveExperts: topK } = model.moe;

  const lmHeadReadBytes = model.tieWordEmbeddings ? weights.embeddingBytes : weights.lmHeadBytes;
  const attentionDataParallel = deployment.attentionDataParallel === true;
  const denseWeightBytesOneCopy =
    weights.attentionBytes +
    weights.denseFfnBytes +
    weights.routerBytes +
    weights.sharedExpertBytes +
    weights.normBytes +
    lmHeadReadBytes;
  const denseWeightBytesPerStep = attentionDataParallel ? tp * denseWeightBytesOneCopy : denseWeightBytesOneCopy;

  const activeRoutedParams = numMoeLayers * topK * counts.paramsPerExpert;
  const denseFlopsPerToken = 2 * (counts.activeMatmulParams - activeRoutedParams);
  const routedFlopsPerToken = 2 * activeRoutedParams;

  const L = model.numLayers;
  const attention = model.attention;
  let decodeAttentionFlopsPerPair: number;
  let prefillAttentionFlopsPerPair: number;
  let prefillContextFlopsPerToken = 0;
  if (attention.kind === 'gqa') {
    // QKᵀ and AV: 2 × headDim FLOPs each per query head per pair.
    decodeAttentionFlopsPerPair = L * attention.numHeads * 4 * attention.headDim;
    prefillAttentionFlopsPerPair = decodeAttentionFlopsPerPair;
  } else {
    const { numHeads: h, kvLoraRank, qkRopeHeadDim, qkNopeHeadDim, vHeadDim } = attention;
    // Decode with weight absorption: scores over the 576-wide latent+rope, values over the 512-wide latent.
    decodeAttentionFlopsPerPair = L * h * (2 * (kvLoraRank + qkRopeHeadDim) + 2 * kvLoraRank);
    // Prefill as multi-head attention: scores over nope+rope (192), values over vHeadDim (128).
    prefillAttentionFlopsPerPair = L * h * (2 * (qkNopeHeadDim + qkRopeHeadDim) + 2 * vHeadDim);
    prefillContextFlopsPerToken = L * 2 * kvLoraRank * h * (qkNopeHeadDim + vHeadDim);
  }

  const etaCompute = efficiency.computeEfficiencyFraction;
  const peakOf = (format: ComputeFormat): number =>
    (gpu.peakOpsPerSecond[format] as number) * tp * computeEfficiencyFor(efficiency, format);
  const densePeak = peakOf(effectiveComputeFormat(deployment.weightFormat, gpu));
  const routedPeak = peakOf(effectiveComputeFormat(deployment.expertWeightFormat, gpu));
  const attentionPeak =
    (gpu.peakOpsPerSecond.bf16 as number) * tp * (efficiency.attentionComputeEfficiencyFraction ?? etaCompute);
  const communication = communicationCost(deployment);

  return {
    deployment,
    counts,
    memory,
    numMoeLayers,
    numRoutedExperts,
    topK,
    denseWeightBytesPerStep,
    bytesPerRoutedExpert: counts.paramsPerExpert * deployment.expertWeightFormat.bytesPerParam,
    denseFlopsPerToken,
    routedFlopsPerToken,
    decodeAttentionFlopsPerPair,
    prefillAttentionFlopsPerPair,
    prefillContextFlopsPerToken,
    kvBytesPerToken: memory.kvBytesPerToken,
    activationBytesPerToken:
      (RESIDUAL_TENSORS_PER_LAYER * L * model.hiddenSize + model.vocabSize) * ACTIVATION_BYTES_PER_ELEMENT,
    secondsPerDenseFlop: 1 / densePeak,
    secondsPerRoutedFlop: 1 / routedPeak,
    secondsPerAttentionFlop: 1 / attentionPeak,
    secondsPerByte: 1 / (gpu.hbmBytesPerSecond * tp * efficiency.memoryEfficiencyFraction),
    secondsPerKvByte:
      1 / (gpu.hbmBytesPerSecond * tp * (efficiency.attentionMemoryEfficiencyFraction ?? efficiency.memoryEfficiencyFraction)),
    communicationLatencySeconds: communication.latencySecondsPerStep,
    communicationSecondsPerToken: communication.secondsPerToken,
    overheadSeconds: efficiency.stepOverheadSeconds,
    overheadSecondsPerSequence: attentionDataParallel
      ? (efficiency.overheadSecondsPerSequence ?? 0) / tp
      : efficiency.overheadSecondsPerSequence ?? 0,
    perKernelRoofline: efficiency.perKernelRoofline === true,
  };
}
