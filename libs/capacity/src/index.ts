export * from './types.js';
export { DEFAULT_EFFICIENCY, validateEfficiency, computeEfficiencyFor } from './efficiency/defaults.js';
export { EFFICIENCY_BY_FAMILY, GPU_FAMILY, PER_KERNEL_ROOFLINE, publishedFitEfficiency, type GpuFamily } from './efficiency/published-fit.js';
export { validateDeployment } from './deployment/validate-deployment.js';
export { kvBytesPerToken } from './memory/kv-bytes-per-token.js';
export { kvReplicationFactor } from './memory/kv-replication.js';
export { weightBytesByComponent, NORM_AND_ROUTER_BYTES_PER_PARAM } from './memory/weight-bytes.js';
export { memoryPerReplica } from './memory/memory-per-replica.js';
export { minimumGpusForWeights } from './memory/minimum-gpus.js';
export { distinctExpertsTouched } from './moe/distinct-experts.js';
export {
  communicationCost,
  COLLECTIVE_LATENCY_SECONDS,
  ACTIVATION_BYTES_PER_ELEMENT,
  type CommunicationCost,
} from './roofline/communication.js';
export { prepareDeployment, type PreparedDeployment } from './roofline/prepared-deployment.js';
export { decodeStepTime, decodeStepTimePrepared, decodeStepSecondsPrepared } from './roofline/decode-step.js';
export { prefillStepTime, prefillStepTimePrepared } from './roofline/prefill-step.js';
export { replicaThroughput, replicaThroughputPrepared } from './slo/replica-throughput.js';
export { replicasForDemand } from './slo/replicas-for-demand.js';
export { gemmTime, type GemmShape, type GemmTime } from './roofline/gemm-time.js';
export { maxLoadThroughput, type MaxLoadThroughput } from './slo/max-load-throughput.js';
export * from './large-ep/index.js';
