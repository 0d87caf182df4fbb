import { simulate } from './simulate.js';
import type { SimRequest, SimulationConfig } from './types.js';

/*
 * Fleet changes by hand, with deterministic service (exponential draws are not needed: one
 * request per replica and we only look at when replicas become ready or leave).
 * 0 warm replicas, plan: 2 replicas at t = 10 s, cold start 30 s → ready at 40 s. A request
 * arriving at 12 s waits until 40 s. Plan: 1 replica at 100 s → one drains (no work: at once).
 */
const base: SimulationConfig = {
  classes: [{ name: 'all', slo: { ttftSeconds: 5, tpotSeconds: 1 }, overloadPolicy: 'queue' }],
  replica: { maxBatchSequences: 1, stepTokenBudget: 2, kvBlockTokens: 16, kvCapacityBlocks: null, coldStartSeconds: 30 },
  initialReplicas: 0,
  replicaPlan: [
    { atSeconds: 10, replicas: 2 },
    { atSeconds: 100, replicas: 1 },
  ],
  serviceTime: { kind: 'exponential', meanSeconds: 1 },
  router: 'least-outstanding-tokens',
  seed: 3,
  sampleIntervalSeconds: 5,
};
const request = (arrivalSeconds: number): SimRequest => ({ arrivalSeconds, promptTokens: 10, outputTokens: 2, cachedPrefixTokens: 0, classIndex: 0 });

describe('cold start and drain follow the replica plan', () => {
  const result = simulate(base, [request(12), request(150)]);

  it('a request arriving at 12 s waits for the cold start: admitted at 10 + 30 = 40 s', () => {
    expect(result.classes[0]!.queueWait!.maxSeconds).toBeCloseTo(40 - 12, 12);
    // It misses its 5 s TTFT; the 150 s request (no wait, service ~1 s) meets it: 1 of 2.
    expect(result.classes[0]!.sloAttainmentFraction).toBe(0.5);
  });

  it('counts 2 ready and 1 drained replica, and 0 → 2 → 1 ready in the samples', () => {
    expect(result.eventsByKind.replicaReady).toBe(2);
    expect(result.eventsByKind.replicaDrained).toBe(1);
    expect(result.eventsByKind.replicaPlan).toBe(2);
    const readyAt = (t: number): number => result.samples.readyReplicas[result.samples.timeSeconds.indexOf(t)]!;
    expect(readyAt(35)).toBe(0);
    expect(readyAt(40)).toBe(2);
    expect(readyAt(100)).toBe(1);
  });

  it('the request at 150 s starts at once on the remaining replica', () => {
    // Of the two waits, the smaller is the 150 s arrival's: 0.
    expect(result.classes[0]!.queueWait!.p50Seconds).toBe(0);
    expect(result.classes[0]!.completed).toBe(2);
  });

  it('a plan that shrinks while replicas load cancels them: nothing ever gets ready', () => {
    const cancelled = simulate({ ...base, replicaPlan: [{ atSeconds: 10, replicas: 2 }, { atSeconds: 20, replicas: 0 }] }, []);
    expect(cancelled.eventsByKind.replicaReady).toBe(2); // the READY events fire and are ignored
    expect(cancelled.replicaSecondsReady).toBe(0);
  });
});
