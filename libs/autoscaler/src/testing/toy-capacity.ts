import type { DemandSeries, PlanningInput, ReplicaCapacity } from '../types.js';

/** A replica that prefills 1 000 and decodes 100 tokens/s at SLO, 4 GPUs, 300 s cold start. */
export const TOY_CAPACITY: ReplicaCapacity = {
  gpusPerReplica: 4,
  prefillTokensPerSecond: 1000,
  decodeTokensPerSecond: 100,
  concurrentRequests: 10,
  coldStartSeconds: 300,
  expectedTtftSeconds: 1,
  expectedTpotSeconds: 0.05,
};

/** Decode-only demand (no prefill): output tokens/s per interval. */
export function outputDemand(intervalSeconds: number, outputTokensPerSecond: readonly number[], repeatsDaily: boolean): DemandSeries {
  return {
    intervalSeconds,
    repeatsDaily,
    intervals: outputTokensPerSecond.map((o, i) => ({ startSeconds: i * intervalSeconds, requestsPerSecond: o / 100, prefillTokensPerSecond: 0, outputTokensPerSecond: o })),
  };
}

export function toyInput(demand: DemandSeries, extra: Partial<PlanningInput> = {}): PlanningInput {
  return {
    demand,
    capacity: TOY_CAPACITY,
    bounds: { minReplicas: 1, maxReplicas: 1000, reservedReplicas: 0 },
    pricing: { reservedCnyPerGpuHour: 15, onDemandCnyPerGpuHour: 20, reservedGpus: 0, cnyPerUsd: 7.2, listPriceCnyPerMillionInputTokens: 0, listPriceCnyPerMillionOutputTokens: 0 },
    targetUtilizationFraction: 0.7,
    targetAttainmentFraction: 0.95,
    meanRequestSeconds: 10,
    harness: null,
    seed: 1,
    ...extra,
  };
}
