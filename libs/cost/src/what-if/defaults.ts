import type { SloSpec } from '../../../capacity/src/index.js';
import type { DeploymentChoice } from './types.js';

export type DeploymentDefaults = Required<Omit<DeploymentChoice, 'tensorParallelSize'>>;

/**
 * Deployment defaults of a what-if scenario (each overridable in ScenarioSpec.deployment).
 *
 * - expertParallel false: routed experts TP-sharded like every other layer, vLLM's default for
 *   a single-node MoE deployment (EP is opt-in there, `--enable-expert-parallel`).
 * - usableHbmFraction 0.9: vLLM's default `gpu_memory_utilization`.
 * - reservedBytesPerGpu 2 GB: activations and workspace of one chunked-prefill step, CUDA graphs
 *   and sampler buffers inside vLLM's 0.9 budget (the 10 % outside it covers the CUDA context and
 *   NCCL buffers; aiconfigurator books NCCL at 0.34-0.39 GB, PUBLISHED.md K3).
 * - maxBatchSequences 256: vLLM's default `max_num_seqs`.
 * - prefillChunkTokens 8192: vLLM V1's default `max_num_batched_tokens` for online serving.
 * - targetUtilizationFraction 0.7: plan the fleet 70 % busy, 30 % headroom for bursts inside an
 *   hour and for scale-out lag (the source report: scale-out could not keep up with surges).
 */
export const DEFAULT_DEPLOYMENT: DeploymentDefaults = Object.freeze({
  expertParallel: false,
  attentionDataParallel: false,
  usableHbmFraction: 0.9,
  reservedBytesPerGpu: 2e9,
  maxBatchSequences: 256,
  prefillChunkTokens: 8192,
  targetUtilizationFraction: 0.7,
});

/**
 * Latency targets for paying (B2B) traffic, issue #5: first token within 2 s, then one token
 * every 80 ms (12.5 tokens/s, faster than reading speed).
 */
export const DEFAULT_SLO: SloSpec = Object.freeze({ ttftSeconds: 2, tpotSeconds: 0.08 });

/** Largest tensor-parallel group resolveScenario picks on its own (8 nodes of 8 GPUs). */
export const MAX_AUTO_TENSOR_PARALLEL_SIZE = 64;
