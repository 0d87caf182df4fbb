import type { AutoscalingPlan } from '../../libs/autoscaler/src/index.js';
import { axis, baseOptions, colour } from './style.js';
import type { ChartDataset, ChartSpec } from './types.js';

type Plan = Pick<AutoscalingPlan, 'policy' | 'intervalSeconds' | 'horizonSeconds' | 'steps' | 'intervals' | 'peakReplicas' | 'gpuHours' | 'costCny' | 'savingVsStaticCny' | 'savingVsStaticFraction' | 'replay'>;

const SECONDS_PER_HOUR = 3600;
const hours = (seconds: number) => seconds / SECONDS_PER_HOUR;

/** A plan's replica steps as a step line over [0, horizon]: the last level held to the end. */
function stepPoints(plan: Plan): { x: number; y: number }[] {
  const points = plan.steps.map((s) => ({ x: hours(s.atSeconds), y: s.replicas }));
  const last = plan.steps[plan.steps.length - 1];
  if (last && last.atSeconds < plan.horizonSeconds) points.push({ x: hours(plan.horizonSeconds), y: last.replicas });
  return points;
}

/** Steps that add replicas: each starts a cold start (new replicas load their weights before serving). */
export function scaleUps(plan: Plan): { atSeconds: number; fromReplicas: number; toReplicas: number }[] {
  const ups: { atSeconds: number; fromReplicas: number; toReplicas: number }[] = [];
  for (let i = 1; i < plan.steps.length; i++) {
    const before = plan.steps[i - 1]!.replicas;
    const step = plan.steps[i]!;
    if (step.replicas > before) ups.push({ atSeconds: step.atSeconds, fromReplicas: before, toReplicas: step.replicas });
  }
  return ups;
}

/**
 * Demand (requests/s per interval, right axis) and each policy's replicas over the plan's span
 * (stepped lines, left axis), with a marker at every scale-up: the moment new replicas begin their
 * cold start.
 */
export function planReplicasChart(plans: readonly Plan[]): ChartSpec {
  const first = plans[0];
  const demand = first ? first.intervals.map((x) => ({ x: hours(x.startSeconds), y: x.requestsPerSecond })) : [];
  if (first && first.intervals.length > 0) demand.push({ x: hours(first.horizonSeconds), y: first.intervals[first.intervals.length - 1]!.requestsPerSecond });
  const datasets: ChartDataset[] = [
    { label: 'demand (requests/s)', type: 'line', data: demand, stepped: 'before', borderColor: '#555555', backgroundColor: '#55555522', borderDash: [6, 4], fill: true, pointRadius: 0, yAxisID: 'y1' },
  ];
  plans.forEach((plan, i) => {
    datasets.push({ label: `${plan.policy} replicas`, type: 'line', data: stepPoints(plan), stepped: 'before', borderColor: colour(i), backgroundColor: colour(i), pointRadius: 0, borderWidth: 2, yAxisID: 'y' });
  });
  plans.forEach((plan, i) => {
    const ups = scaleUps(plan);
    if (ups.length === 0) return;
    datasets.push({
      label: `${plan.policy} cold starts`,
      type: 'scatter',
      data: ups.map((u) => ({ x: hours(u.atSeconds), y: u.toReplicas })),
      pointStyle: 'triangle',
      pointRadius: 6,
      borderColor: colour(i),
      backgroundColor: colour(i),
      yAxisID: 'y',
    });
  });
  const spanHours = first ? hours(first.horizonSeconds) : 0;
  return {
    id: 'replicas',
    title: 'Demand and replicas per policy',
    config: {
      type: 'line',
      data: { datasets },
      options: {
        ...baseOptions(
          `Demand and replicas over ${spanHours.toLocaleString('en-US', { maximumFractionDigits: 2 })} h, per policy`,
          'Stepped lines: replicas provisioned (loading ones included). Triangles: scale-ups, where new replicas start their cold start. Dashed: demand.',
        ),
        scales: {
          x: axis('time since start of plan (h)', { type: 'linear', min: 0, max: spanHours }),
          y: axis('replicas', { beginAtZero: true, grace: '10%', position: 'left' }),
          y1: axis('demand (requests/s)', { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } }),
        },
      },
    },
    table: {
      columns: ['policy', 'interval', 'startSeconds', 'requestsPerSecond', 'replicas', 'meanReplicas', 'gpuHours', 'scaleUpsInInterval'],
      rows: plans.flatMap((plan) => {
        const ups = scaleUps(plan);
        return plan.intervals.map((x, i) => [
          plan.policy,
          i,
          x.startSeconds,
          x.requestsPerSecond,
          x.replicas,
          x.meanReplicas,
          x.gpuHours,
          ups.filter((u) => u.atSeconds >= x.startSeconds && u.atSeconds < x.startSeconds + plan.intervalSeconds).length,
        ]);
      }),
    },
  };
}

/** SLO attainment of every class in each policy's replay (bars), with the target as a line when given. */
export function planAttainmentChart(plans: readonly Plan[], targetAttainmentFraction?: number): ChartSpec {
  const labels = plans.map((p) => p.policy);
  const classNames = [...new Set(plans.flatMap((p) => p.replay?.classes.map((c) => c.name) ?? []))];
  const attainment = (plan: Plan, name: string) => {
    const c = plan.replay?.classes.find((k) => k.name === name);
    return c && c.arrived > 0 ? c.sloAttainmentFraction * 100 : null;
  };
  const datasets: ChartDataset[] = classNames.map((name, i) => ({ label: `${name} SLO attainment (%)`, data: plans.map((p) => attainment(p, name)), backgroundColor: colour(i + 3) }));
  if (targetAttainmentFraction !== undefined) {
    datasets.push({ label: `target (${targetAttainmentFraction * 100} %)`, type: 'line', data: plans.map(() => targetAttainmentFraction * 100), borderColor: '#D55E00', borderDash: [6, 4], pointRadius: 0, fill: false });
  }
  return {
    id: 'attainment',
    title: 'SLO attainment per class',
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: {
        ...baseOptions('SLO attainment per class, each plan replayed through the simulator', 'Share of a class’s requests that met both its TTFT and TPOT targets.'),
        scales: { x: axis('policy'), y: axis('SLO attainment (% of requests)', { min: 0, max: 100 }) },
      },
    },
    table: {
      columns: ['policy', 'class', 'arrived', 'completed', 'rejected', 'sloAttainmentFraction', 'ttftP99Seconds', 'tpotP99Seconds', 'goodputRequestsPerSecond'],
      rows: plans.flatMap((p) => (p.replay?.classes ?? []).map((c) => [p.policy, c.name, c.arrived, c.completed, c.rejected, c.sloAttainmentFraction, c.ttftP99Seconds, c.tpotP99Seconds, c.goodputRequestsPerSecond])),
    },
  };
}

/** GPU-hours (left) and cost (right) per policy; its table is the per-policy summary the page lists. */
export function planCostChart(plans: readonly Plan[]): ChartSpec {
  const labels = plans.map((p) => p.policy);
  return {
    id: 'cost',
    title: 'GPU-hours and cost per policy',
    config: {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'GPU-hours', data: plans.map((p) => p.gpuHours), backgroundColor: colour(0), yAxisID: 'y' },
          { label: 'cost (CNY)', data: plans.map((p) => p.costCny), backgroundColor: colour(1), yAxisID: 'y1' },
        ],
      },
      options: {
        ...baseOptions('GPU-hours and cost over the plan, per policy', 'Reserved GPUs are paid for the whole span; GPUs above them at the on-demand price.'),
        scales: {
          x: axis('policy'),
          y: axis('GPU-hours', { beginAtZero: true, position: 'left' }),
          y1: axis('cost (CNY)', { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } }),
        },
      },
    },
    table: {
      columns: ['policy', 'peakReplicas', 'gpuHours', 'costCny', 'savingVsStaticCny', 'savingVsStaticFraction', 'minSloAttainmentFraction', 'scaleUps'],
      rows: plans.map((p) => [p.policy, p.peakReplicas, p.gpuHours, p.costCny, p.savingVsStaticCny, p.savingVsStaticFraction, p.replay?.minAttainmentFraction ?? null, scaleUps(p).length]),
    },
  };
}
