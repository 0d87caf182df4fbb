/**
 * Two-batch overlap (TBO) with DeepEP's normal-mode kernels, the ones prefill uses: the dispatch
 * and combine kernels run on SMs of their own (DeepEP's default 20–24 of an H100's 132) and the
 * two micro-batches never line up exactly, so the all-to-all is not hidden in full. SGLang measured
 * TBO at 27–35 % more prefill throughput than running computation and communication back to back
 * (LMSYS blog 2025-05-05, "Deploying DeepSeek with PD Disaggregation and Large-scale Expert
 * Parallelism on 96 H100 GPUs", two-batch-overlap evaluation). capsim takes the midpoint: the
 * overlapped prefill step is the serial step ÷ 1.31, and never shorter than perfect overlap
 * (the longer of the two).
 *
 * Decode's low-latency kernels overlap through RDMA receive hooks that occupy no SM (DeepEP
 * README, "low-latency kernels … hook-based communication-computation overlapping … without
 * occupying any SM resource"), so decode keeps perfect overlap: max(compute, communication).
 */
export const NORMAL_MODE_TWO_BATCH_OVERLAP_SPEEDUP = 1.31;

/** Seconds of a step whose roofline part and all-to-all run under two-batch overlap. */
export function overlappedStepSeconds(roofSeconds: number, communicationSeconds: number, normalModeKernels: boolean): number {
  const perfect = roofSeconds > communicationSeconds ? roofSeconds : communicationSeconds;
  if (!normalModeKernels) return perfect;
  const partial = (roofSeconds + communicationSeconds) / NORMAL_MODE_TWO_BATCH_OVERLAP_SPEEDUP;
  return partial > perfect ? partial : perfect;
}
