import type { AutoscalingPlan } from '../../libs/autoscaler/src/index.js';
import { planAttainmentChart, planCostChart, planReplicasChart, scaleUps } from './plan-charts.js';

/*
 * A hand-made six-hour plan in three two-hour intervals: static peak holds 3 replicas; HPA starts
 * at 1, scales up to 3 at 2 h and down to 2 at 4 h. Demand 1, 5, 3 requests/s. 4 GPUs per replica.
 */
const interval = (i: number, rps: number, replicas: number, meanReplicas: number) => ({ startSeconds: i * 7200, requestsPerSecond: rps, replicas, meanReplicas, gpuHours: meanReplicas * 4 * 2, notes: {} });
const replay = (b2b: number, consumer: number) => ({
  classes: [
    { name: 'b2b', arrived: 100, completed: 100, rejected: 0, sloAttainmentFraction: b2b, ttftP99Seconds: 1, tpotP99Seconds: 0.05, goodputRequestsPerSecond: 1 },
    { name: 'consumer', arrived: 300, completed: 300, rejected: 0, sloAttainmentFraction: consumer, ttftP99Seconds: 2, tpotP99Seconds: 0.1, goodputRequestsPerSecond: 3 },
  ],
  minAttainmentFraction: Math.min(b2b, consumer),
  events: 1000,
});
const base = { intervalSeconds: 7200, horizonSeconds: 21_600, reservedGpuHours: 0, onDemandGpuHours: 0 };
const staticPeak: AutoscalingPlan = {
  ...base,
  policy: 'static-peak',
  steps: [{ atSeconds: 0, replicas: 3 }],
  intervals: [interval(0, 1, 3, 3), interval(1, 5, 3, 3), interval(2, 3, 3, 3)],
  peakReplicas: 3,
  gpuHours: 72, // 3 replicas × 4 GPUs × 6 h
  costCny: 720,
  savingVsStaticCny: 0,
  savingVsStaticFraction: 0,
  replay: replay(1, 1),
};
const hpa: AutoscalingPlan = {
  ...base,
  policy: 'hpa',
  steps: [
    { atSeconds: 0, replicas: 1 },
    { atSeconds: 7200, replicas: 3 },
    { atSeconds: 14_400, replicas: 2 },
  ],
  intervals: [interval(0, 1, 1, 1), interval(1, 5, 3, 3), interval(2, 3, 2, 2)],
  peakReplicas: 3,
  gpuHours: 48, // (1 + 3 + 2) replicas × 4 GPUs × 2 h
  costCny: 480,
  savingVsStaticCny: 240,
  savingVsStaticFraction: 240 / 720,
  replay: replay(0.99, 0.95),
};

describe('charts of a two-policy plan with one scale-up', () => {
  it('finds the one scale-up of HPA (1 → 3 at 2 h) and none for static peak', () => {
    expect(scaleUps(hpa)).toEqual([{ atSeconds: 7200, fromReplicas: 1, toReplicas: 3 }]);
    expect(scaleUps(staticPeak)).toEqual([]);
  });

  it('draws demand, a stepped replica line per policy held to 6 h, and a cold-start marker at (2 h, 3)', () => {
    const { config, table } = planReplicasChart([staticPeak, hpa]);
    const byLabel = Object.fromEntries(config.data.datasets.map((d) => [d.label, d.data]));
    expect(Object.keys(byLabel)).toEqual(['demand (requests/s)', 'static-peak replicas', 'hpa replicas', 'hpa cold starts']);
    expect(byLabel['demand (requests/s)']).toEqual([{ x: 0, y: 1 }, { x: 2, y: 5 }, { x: 4, y: 3 }, { x: 6, y: 3 }]);
    expect(byLabel['static-peak replicas']).toEqual([{ x: 0, y: 3 }, { x: 6, y: 3 }]);
    expect(byLabel['hpa replicas']).toEqual([{ x: 0, y: 1 }, { x: 2, y: 3 }, { x: 4, y: 2 }, { x: 6, y: 2 }]);
    expect(byLabel['hpa cold starts']).toEqual([{ x: 2, y: 3 }]);
    const scales = config.options['scales'] as Record<string, { title: { text: string } }>;
    expect(Object.values(scales).map((s) => s.title.text)).toEqual(['time since start of plan (h)', 'replicas', 'demand (requests/s)']);
    expect(table.rows).toHaveLength(6); // 2 policies × 3 intervals
    expect(table.rows[4]).toEqual(['hpa', 1, 7200, 5, 3, 3, 24, 1]); // the interval holding the scale-up: 3 × 4 GPUs × 2 h = 24 GPU-hours
  });

  it('shows attainment per class in percent and the per-policy cost summary', () => {
    const attainment = planAttainmentChart([staticPeak, hpa], 0.99);
    expect(attainment.config.data.labels).toEqual(['static-peak', 'hpa']);
    expect(attainment.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['b2b SLO attainment (%)', [100, 99]],
      ['consumer SLO attainment (%)', [100, 95]],
      ['target (99 %)', [99, 99]],
    ]);
    const cost = planCostChart([staticPeak, hpa]);
    expect(cost.table.rows).toEqual([
      ['static-peak', 3, 72, 720, 0, 0, 1, 0],
      ['hpa', 3, 48, 480, 240, 1 / 3, 0.95, 1],
    ]);
  });
});
