import type { ReplicaThroughput, StepTime } from '../types.js';
import { replicasForDemand } from './replicas-for-demand.js';

const step: StepTime = {
  stepSeconds: 0.02,
  computeSeconds: 0.005,
  memorySeconds: 0.015,
  communicationSeconds: 0.001,
  overheadSeconds: 0.002,
  flops: 1,
  bytesMoved: 1,
  distinctExpertsPerLayer: 8,
  bound: 'bandwidth',
};

function throughput(prefillTokensPerSecond: number, decodeTokensPerSecond: number): ReplicaThroughput {
  return {
    decodeBatchSequences: 40,
    decodeBatchLimitedBy: 'tpot-slo',
    decodeStep: step,
    decodeTokensPerSecond,
    meanDecodeContextTokens: 1100,
    prefillStep: step,
    prefillTokensPerSecond,
    idleTtftSeconds: 0.2,
    sloFeasible: decodeTokensPerSecond > 0,
    warnings: decodeTokensPerSecond > 0 ? [] : ['kv-memory: one sequence does not fit'],
  };
}

describe('replicas for demand, colocated prefill and decode', () => {
  it('50 000 prefill tok/s at 20 000 per replica + 7 000 output tok/s at 2 000: 2.5 + 3.5 = 6 busy replicas, 8 at 80 %', () => {
    const result = replicasForDemand(
      throughput(20_000, 2000),
      { prefillTokensPerSecond: 50_000, outputTokensPerSecond: 7000 },
      2,
      0.8,
    );
    // 6 / 0.8 = 7.5 → 8 replicas of 2 GPUs; 6 / 8 = 0.75 busy, of which 2.5 / 8 prefill and 3.5 / 8 decode.
    expect(result.replicas).toBe(8);
    expect(result.gpus).toBe(16);
    expect(result.utilizationFraction).toBeCloseTo(0.75, 12);
    expect(result.prefillBusyFraction).toBeCloseTo(0.3125, 12);
    expect(result.decodeBusyFraction).toBeCloseTo(0.4375, 12);
  });

  it('does not round 0.1 + 0.2 = 0.30000000000000004 busy at 10 % target up to 4 replicas', () => {
    const result = replicasForDemand(throughput(10, 10), { prefillTokensPerSecond: 1, outputTokensPerSecond: 2 }, 1, 0.1);
    expect(result.replicas).toBe(3);
  });

  it('keeps one replica for a trickle of demand and none for no demand', () => {
    const capacity = throughput(20_000, 2000);
    expect(replicasForDemand(capacity, { prefillTokensPerSecond: 1, outputTokensPerSecond: 0 }, 8, 0.7).replicas).toBe(1);
    const none = replicasForDemand(capacity, { prefillTokensPerSecond: 0, outputTokensPerSecond: 0 }, 8, 0.7);
    expect(none).toEqual({ replicas: 0, gpus: 0, utilizationFraction: 0, prefillBusyFraction: 0, decodeBusyFraction: 0 });
  });

  it('throws "slo: infeasible" when output is demanded from a replica with no decode capacity', () => {
    expect(() =>
      replicasForDemand(throughput(20_000, 0), { prefillTokensPerSecond: 10, outputTokensPerSecond: 10 }, 1, 0.8),
    ).toThrow(/^slo: infeasible — a replica has no decode capacity for 10 tokens\/s of demand \(kv-memory/);
  });

  it.each([
    [{ prefillTokensPerSecond: -1, outputTokensPerSecond: 0 }, 1, 0.8, /demand.prefillTokensPerSecond/],
    [{ prefillTokensPerSecond: 0, outputTokensPerSecond: Number.POSITIVE_INFINITY }, 1, 0.8, /demand.outputTokensPerSecond/],
    [{ prefillTokensPerSecond: 0, outputTokensPerSecond: 1 }, 0, 0.8, /gpusPerReplica/],
    [{ prefillTokensPerSecond: 0, outputTokensPerSecond: 1 }, 1, 0, /targetUtilizationFraction/],
    [{ prefillTokensPerSecond: 0, outputTokensPerSecond: 1 }, 1, 1.2, /targetUtilizationFraction/],
  ])('rejects %o, %d GPUs, target %d', (demand, gpus, target, message) => {
    expect(() => replicasForDemand(throughput(1, 1), demand, gpus, target)).toThrow(message);
  });
});
