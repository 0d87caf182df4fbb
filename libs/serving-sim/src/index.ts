export * from './types.js';
export { simulate } from './simulate.js';
export { validateSimulationConfig, validateSimRequest } from './validate-config.js';
export { EventQueue } from './event-queue.js';
export { nearestRankPercentile, summarizeLatencies, SampleBuffer, type LatencySummary } from './percentile.js';
export { SERVICE_TIME_SOURCES, createServiceModel, type ServiceModel } from './service-time.js';
export { ROUTERS, createRouter, type Router, type FleetView } from './router.js';
export { OVERLOAD_POLICIES, type OverloadPolicy } from './overload-policy.js';
export {
  poissonArrivals,
  lognormalRequestSizes,
  fixedRequestSizes,
  traceRequests,
  hourlyRate,
  type PoissonArrivalsSpec,
  type RequestSizeSampler,
} from './workloads.js';
export { replicaShapeOf, DEFAULT_KV_BLOCK_TOKENS } from './replica-shape.js';
