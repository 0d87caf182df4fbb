import { mulberry32 } from '../../cost/src/index.js';
import { MOONCAKE_LONG_CONTEXT_REQUEST_SIZES } from '../../workload/src/index.js';
import { replicaShapeOf } from './replica-shape.js';
import { simulate } from './simulate.js';
import { kimi2024OnA100Int8 } from './testing/kimi-2024-a100-int8.js';
import type { SimulationConfig } from './types.js';
import { lognormalRequestSizes, poissonArrivals } from './workloads.js';

const prepared = kimi2024OnA100Int8();
const config = (seed: number, serviceTime: SimulationConfig['serviceTime']): SimulationConfig => ({
  classes: [
    { name: 'b2b', slo: { ttftSeconds: 2, tpotSeconds: 0.08 }, overloadPolicy: 'queue' },
    { name: 'consumer', slo: { ttftSeconds: 10, tpotSeconds: 0.2 }, overloadPolicy: 'preempt' },
  ],
  replica: replicaShapeOf(prepared, 2e9),
  initialReplicas: 2,
  replicaPlan: [{ atSeconds: 120, replicas: 3 }, { atSeconds: 400, replicas: 1 }],
  serviceTime,
  router: 'least-outstanding-tokens',
  seed,
  sampleIntervalSeconds: 10,
});
const arrivals = (seed: number) =>
  poissonArrivals({
    requestsPerSecondAt: (t) => (t < 300 ? 0.6 : 1.2),
    maxRequestsPerSecond: 1.2,
    durationSeconds: 600,
    sizes: lognormalRequestSizes(MOONCAKE_LONG_CONTEXT_REQUEST_SIZES, 0.5, mulberry32(seed + 1)),
    classWeights: [1, 3],
    random: mulberry32(seed),
  });

describe('same seed, same output, byte for byte', () => {
  it('roofline source, two classes, scaling up and down: identical JSON', () => {
    const a = JSON.stringify(simulate(config(5, { kind: 'roofline', prepared }), arrivals(5)));
    const b = JSON.stringify(simulate(config(5, { kind: 'roofline', prepared }), arrivals(5)));
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(1000);
  });

  it('exponential source: identical with the same seed, different with another', () => {
    const exp = { kind: 'exponential', meanSeconds: 3 } as const;
    const a = JSON.stringify(simulate(config(5, exp), arrivals(5)));
    expect(JSON.stringify(simulate(config(5, exp), arrivals(5)))).toBe(a);
    expect(JSON.stringify(simulate(config(6, exp), arrivals(5)))).not.toBe(a);
  });

  it("Little's law holds within 2 % on the roofline run too", () => {
    const r = simulate(config(5, { kind: 'roofline', prepared }), arrivals(5));
    const lambdaW = r.completedPerSecond * r.meanSojournSeconds;
    expect(r.classes.reduce((n, c) => n + c.completed, 0)).toBeGreaterThan(300);
    expect(Math.abs(r.meanRequestsInSystem / lambdaW - 1)).toBeLessThan(0.02);
  });
});
