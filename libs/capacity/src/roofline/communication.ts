import type { DeploymentSpec } from '../types.js';

/**
 * Fixed latency of one collective (launch + synchronisation), independent of its size.
 * NVIDIA aiconfigurator adds 10 µs per P2P operation for every GPU (PUBLISHED.md K3).
 */
export const COLLECTIVE_LATENCY_SECONDS = 10e-6;

/**
 * Activations travel between GPUs in 16-bit even when the GEMMs run in FP8 or INT8: vLLM and
 * SGLang all-reduce in the model dtype (BF16), and DeepEP's combine is BF16.
 */
export const ACTIVATION_BYTES_PER_ELEMENT = 2;

/** Communication of one step = latencySecondsPerStep + tokens × secondsPerToken (0 at TP 1). */
export interface CommunicationCost {
  readonly latencySecondsPerStep: number;
  readonly secondsPerToken: number;
  readonly collectivesPerStep: number;
  /** The slowest link a collective crosses, bytes per second one way, before efficiency. */
  readonly linkBytesPerSecond: number;
}

/**
 * Collectives of one forward step of a tensor-parallel replica. Not overlapped with compute
 * (vLLM does not overlap its TP all-reduces by default), so the step adds them.
 *
 * - Tensor parallel only: two all-reduces per layer (after attention, after the FFN / MoE) of
 *   tokens × hidden × 2 bytes. A ring all-reduce moves 2 (TP − 1) / TP of the message through each
 *   GPU's link (NCCL bus-bandwidth convention).
 * - Expert parallel (EP = TP): dense layers as above; each MoE layer does the attention all-reduce
 *   (as reduce-scatter + all-gather, leaving each rank tokens / TP tokens for the experts) plus an
 *   all-to-all dispatch and combine. Each rank sends its tokens / TP tokens' k expert copies of
 *   hidden × 2 bytes, of which (TP − 1) / TP leave the GPU, once for dispatch and once for combine.
 * - A replica larger than one node crosses the scale-out network: the bottleneck link then is
 *   gpu.networkBytesPerSecond (hierarchical collectives are not modelled).
 * - Data-parallel attention (deployment.attentionDataParallel): attention and the dense part run
 *   on each GPU's own sequences with no collective. Each MoE layer gathers the tokens of all ranks
 *   for the experts and returns each rank its own: with TP-sharded experts an all-gather plus a
 *   reduce-scatter ((TP − 1) / TP of the replica's tokens through each link, each way: one
 *   all-reduce's worth, 2 collectives), with expertParallel the all-to-all dispatch and combine as
 *   above (2 collectives). Dense layers (replicated FFN) exchange nothing. secondsPerToken is per
 *   token of the replica, as everywhere: a rank's own share moves in parallel with the others'.
 * - Each collective adds COLLECTIVE_LATENCY_SECONDS.
 */
export function communicationCost(deployment: DeploymentSpec): CommunicationCost {
  const tp = deployment.tensorParallelSize;
  const gpu = deployment.gpu;
  const linkBytesPerSecond = tp <= gpu.gpusPerNode ? gpu.interconnectBytesPerSecond : gpu.networkBytesPerSecond;
  if (tp === 1) return { latencySecondsPerStep: 0, secondsPerToken: 0, collectivesPerStep: 0, linkBytesPerSecond };

  const model = deployment.model;
  const numMoeLayers = model.numLayers - model.numDenseLayers;
  const effectiveBytesPerSecond = linkBytesPerSecond * deployment.efficiency.interconnectEfficiencyFraction;
  const messageBytesPerToken = model.hiddenSize * ACTIVATION_BYTES_PER_ELEMENT;
  const allReduceSecondsPerToken = ((2 * (tp - 1)) / tp) * messageBytesPerToken / effectiveBytesPerSecond;

  const allToAllSecondsPerToken =
    ((model.moe.numActiveExperts * messageBytesPerToken * (tp - 1)) / tp / tp) / effectiveBytesPerSecond;
  if (deployment.attentionDataParallel === true) {
    const collectivesPerStep = 2 * numMoeLayers;
    return {
      latencySecondsPerStep: collectivesPerStep * COLLECTIVE_LATENCY_SECONDS,
      secondsPerToken: numMoeLayers * (deployment.expertParallel ? 2 * allToAllSecondsPerToken : allReduceSecondsPerToken),
      collectivesPerStep,
      linkBytesPerSecond,
    };
  }
  if (!deployment.expertParallel) {
    const collectivesPerStep = 2 * model.numLayers;
    return {
      latencySecondsPerStep: collectivesPerStep * COLLECTIVE_LATENCY_SECONDS,
      secondsPerToken: collectivesPerStep * allReduceSecondsPerToken,
      collectivesPerStep,
      linkBytesPerSecond,
    };
  }
  const collectivesPerStep = 2 * model.numDenseLayers + 3 * numMoeLayers;
  return {
    latencySecondsPerStep: collectivesPerStep * COLLECTIVE_LATENCY_SECONDS,
    secondsPerToken:
      2 * model.numDenseLayers * allReduceSecondsPerToken +
      numMoeLayers * (allReduceSecondsPerToken + 2 * allToAllSecondsPerToken),
    collectivesPerStep,
    linkBytesPerSecond,
  };
}
