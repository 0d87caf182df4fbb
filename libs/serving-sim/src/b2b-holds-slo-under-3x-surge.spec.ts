import { mulberry32 } from '../../cost/src/index.js';
import { AZURE_CONVERSATION_REQUEST_SIZES } from '../../workload/src/index.js';
import { replicaShapeOf } from './replica-shape.js';
import { simulate } from './simulate.js';
import { kimi2024OnA100Int8 } from './testing/kimi-2024-a100-int8.js';
import type { OverloadPolicyKind, SimulationConfig } from './types.js';
import { lognormalRequestSizes, poissonArrivals } from './workloads.js';

/*
 * Two kimi-2024 INT8 replicas serve Azure-conversation-sized requests (1155 prompt / 211 output
 * tokens on average), one B2B request in four. Steps carry at most 1024 tokens and 32 sequences
 * (Sarathi-style small chunks keep every step, and so TPOT, short). 3 requests/s all day is within
 * capacity; from 600 s to 1200 s traffic triples to 9 requests/s, well past it.
 * SLOs: B2B TTFT 2 s, TPOT 80 ms (the example); consumer TTFT 5 s, TPOT 150 ms.
 * Strict priority admits B2B first whatever the consumer policy, so B2B holds while consumer
 * requests wait (queue), are evicted and recomputed (preempt), or are turned away (reject).
 */
const prepared = kimi2024OnA100Int8();
function run(surgeFactor: number, consumerPolicy: OverloadPolicyKind) {
  const config: SimulationConfig = {
    classes: [
      { name: 'b2b', slo: { ttftSeconds: 2, tpotSeconds: 0.08 }, overloadPolicy: 'queue' },
      { name: 'consumer', slo: { ttftSeconds: 5, tpotSeconds: 0.15 }, overloadPolicy: consumerPolicy },
    ],
    replica: { ...replicaShapeOf(prepared, 2e9), stepTokenBudget: 1024, maxBatchSequences: 32 },
    initialReplicas: 2,
    serviceTime: { kind: 'roofline', prepared },
    router: 'least-outstanding-tokens',
    seed: 1,
    sampleIntervalSeconds: 10,
  };
  return simulate(
    config,
    poissonArrivals({
      requestsPerSecondAt: (t) => (t >= 600 && t < 1200 ? 3 * surgeFactor : 3),
      maxRequestsPerSecond: 9,
      durationSeconds: 1800,
      sizes: lognormalRequestSizes(AZURE_CONVERSATION_REQUEST_SIZES, 0, mulberry32(2)),
      classWeights: [1, 3],
      random: mulberry32(3),
    }),
  );
}

describe('B2B holds its SLO under a 3× surge while consumer traffic degrades', () => {
  it('without the surge both classes meet their SLOs (≥ 99 % of requests)', () => {
    const calm = run(1, 'queue');
    expect(calm.classes[0]!.sloAttainmentFraction).toBeGreaterThanOrEqual(0.99);
    expect(calm.classes[1]!.sloAttainmentFraction).toBeGreaterThanOrEqual(0.99);
  });

  it.each(['queue', 'preempt', 'reject'] as const)('consumer policy %s: B2B p99 TTFT ≤ 2 s and p99 TPOT ≤ 80 ms; consumer attainment < 90 %', (policy) => {
    const result = run(3, policy);
    const [b2b, consumer] = [result.classes[0]!, result.classes[1]!];
    expect(b2b.completed).toBe(b2b.arrived);
    expect(b2b.ttft!.p99Seconds).toBeLessThanOrEqual(2);
    expect(b2b.tpot!.p99Seconds).toBeLessThanOrEqual(0.08);
    expect(b2b.sloAttainmentFraction).toBeGreaterThanOrEqual(0.99);
    expect(consumer.sloAttainmentFraction).toBeLessThan(0.9);
    if (policy === 'reject') {
      expect(consumer.rejected['no-capacity']).toBeGreaterThan(0);
      expect(consumer.completed + consumer.rejected['no-capacity']).toBe(consumer.arrived);
    } else {
      expect(Math.max(...result.samples.queuedRequestsByClass[1]!)).toBeGreaterThan(100);
      expect(consumer.completed).toBe(consumer.arrived);
    }
    if (policy === 'preempt') expect(consumer.preemptions).toBeGreaterThan(0);
    else expect(consumer.preemptions).toBe(0);
  });
});
