import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTrace } from '../../workload/src/index.js';
import { replicaShapeOf } from './replica-shape.js';
import { simulate } from './simulate.js';
import { kimi2024OnA100Int8 } from './testing/kimi-2024-a100-int8.js';
import { traceRequests } from './workloads.js';

// The first 60 requests of the Mooncake trace (libs/workload fixture) replayed on kimi-2024 INT8.
const lines = readFileSync(join(process.cwd(), 'libs/workload/src/traces/fixtures/mooncake-synthetic-first-60.jsonl'), 'utf8').split('\n');

describe('Mooncake trace replay (first 60 requests) on two kimi-2024 INT8 replicas', () => {
  const prepared = kimi2024OnA100Int8();
  const run = (router: 'least-outstanding-tokens' | 'round-robin') =>
    simulate(
      {
        classes: [{ name: 'all', slo: { ttftSeconds: 30, tpotSeconds: 0.2 }, overloadPolicy: 'queue' }],
        replica: replicaShapeOf(prepared, 2e9),
        initialReplicas: 2,
        serviceTime: { kind: 'roofline', prepared },
        router,
        seed: 1,
      },
      traceRequests(readTrace('mooncake', lines)),
    );

  it('serves all 60 and the last finishes after the last arrival (16.801 s... line 60)', () => {
    const result = run('least-outstanding-tokens');
    expect(result.classes[0]!.completed).toBe(60);
    const lastArrival = [...readTrace('mooncake', lines)][59]!.arrivalSeconds;
    expect(result.durationSeconds).toBeGreaterThan(lastArrival);
  });

  it('both routers serve everything; their latencies differ', () => {
    const a = run('least-outstanding-tokens');
    const b = run('round-robin');
    expect(b.classes[0]!.completed).toBe(60);
    expect(a.classes[0]!.endToEnd!.meanSeconds).not.toBe(b.classes[0]!.endToEnd!.meanSeconds);
  });
});
