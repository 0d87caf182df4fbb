/** What one forward step did, counted from the matmuls it actually ran and the KV it read. */
export interface StepAccounting {
  /** 2 × multiply-adds of every matmul plus attention (QKᵀ and PV). */
  flops: number;
  /** Bytes of weights (and scales) streamed: each matrix once per step, routed experts only where touched. */
  weightBytes: number;
  /** Bytes of KV cache read by attention: each segment's whole context once per layer. */
  kvBytesRead: number;
  /** Distinct routed experts each layer ran in this step. */
  readonly distinctExpertsPerLayer: number[];
}
