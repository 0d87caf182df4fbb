import * as sim from './index.js';

describe('libs/serving-sim public API and config validation', () => {
  it.each(['simulate', 'poissonArrivals', 'traceRequests', 'lognormalRequestSizes', 'fixedRequestSizes', 'hourlyRate', 'replicaShapeOf', 'nearestRankPercentile', 'createRouter', 'createServiceModel'])(
    'exports %s',
    (name) => {
      expect(typeof (sim as Record<string, unknown>)[name]).toBe('function');
    },
  );

  it('keeps strategies in registries', () => {
    expect(Object.keys(sim.ROUTERS).sort()).toEqual(['kv-aware', 'least-outstanding-tokens', 'round-robin']);
    expect(Object.keys(sim.OVERLOAD_POLICIES).sort()).toEqual(['preempt', 'queue', 'reject']);
    expect(Object.keys(sim.SERVICE_TIME_SOURCES).sort()).toEqual(['exponential', 'roofline']);
  });

  const good: sim.SimulationConfig = {
    classes: [{ name: 'all', slo: { ttftSeconds: 1, tpotSeconds: 1 }, overloadPolicy: 'queue' }],
    replica: { maxBatchSequences: 1, stepTokenBudget: 2, kvBlockTokens: 16, kvCapacityBlocks: null, coldStartSeconds: 0 },
    initialReplicas: 1,
    serviceTime: { kind: 'exponential', meanSeconds: 1 },
    router: 'least-outstanding-tokens',
    seed: 1,
  };

  it.each([
    [{ ...good, classes: [] }, 'classes: must list at least one priority class'],
    [{ ...good, router: 'random' }, 'router: must be one of least-outstanding-tokens, round-robin, kv-aware, got random'],
    [{ ...good, initialReplicas: -1 }, 'initialReplicas: must be a non-negative integer, got -1'],
    [{ ...good, replica: { ...good.replica, kvBlockTokens: 0 } }, 'replica.kvBlockTokens: must be a positive integer, got 0'],
    [{ ...good, classes: [{ ...good.classes[0]!, overloadPolicy: 'drop' }] }, /^classes\[0\]\.overloadPolicy: must be one of queue, preempt, reject/],
    [{ ...good, serviceTime: { kind: 'exponential', meanSeconds: 0 } }, 'serviceTime.meanSeconds: must be a finite number > 0, got 0'],
    [{ ...good, replicaPlan: [{ atSeconds: 5, replicas: 1 }, { atSeconds: 4, replicas: 2 }] }, 'replicaPlan[1].atSeconds: must not be earlier than the step before'],
    [{ ...good, seed: 1.5 }, 'seed: must be an integer from 0 to 4294967295, got 1.5'],
  ])('rejects a bad config (%#)', (config, message) => {
    expect(() => sim.simulate(config as sim.SimulationConfig, [])).toThrow(message);
  });

  it('rejects arrivals that go back in time', () => {
    const r = (t: number) => ({ arrivalSeconds: t, promptTokens: 1, outputTokens: 1, cachedPrefixTokens: 0, classIndex: 0 });
    expect(() => sim.simulate(good, [r(2), r(1)])).toThrow('arrivals[1].arrivalSeconds: must not be earlier than the request before (2), got 1');
  });
});
