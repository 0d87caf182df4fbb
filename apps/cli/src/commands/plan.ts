import { buildScenario, runScenarioPlans, type AutoscalingPlan, type PolicyKind } from '../../../../libs/autoscaler/src/index.js';
import { planAttainmentChart, planCostChart, planReplicasChart, scaleUps, tableToCsv, type ChartSpec } from '../../../../dashboards/charts/index.js';
import type { PlanFile } from './plan-file.js';

export const PLAN_CHARTS = ['replicas', 'attainment', 'cost'] as const;

export interface PlanRun {
  readonly gpusPerReplica: number;
  readonly coldStartSeconds: number;
  readonly targetAttainmentFraction: number;
  readonly plans: readonly AutoscalingPlan[];
  /** Policies not planned because Ctrl-C stopped the run (empty when it finished). */
  readonly notPlanned: readonly PolicyKind[];
}

export interface PlanProgress {
  update(done: number, total: number, label?: string): void;
  stopRequested(): boolean;
}

/**
 * Plans each policy in turn (libs/autoscaler runScenarioPlans, replayed through the simulator),
 * yielding to the event loop between policies so that Ctrl-C is seen and what finished is kept.
 * Each policy's saving is still against static peak: the library plans static peak for that.
 */
export async function runPlans(file: PlanFile, progress: PlanProgress): Promise<PlanRun> {
  const built = buildScenario(file.spec);
  const plans: AutoscalingPlan[] = [];
  const total = file.policies.length;
  for (const [i, policy] of file.policies.entries()) {
    progress.update(i, total, `planning ${policy}`);
    await new Promise((resolve) => setImmediate(resolve));
    if (progress.stopRequested()) return { gpusPerReplica: built.capacity.gpusPerReplica, coldStartSeconds: built.capacity.coldStartSeconds, targetAttainmentFraction: file.spec.targetAttainmentFraction, plans, notPlanned: file.policies.slice(i) };
    plans.push(...runScenarioPlans(file.spec, [policy], file.bounds));
  }
  progress.update(total, total, 'done');
  return { gpusPerReplica: built.capacity.gpusPerReplica, coldStartSeconds: built.capacity.coldStartSeconds, targetAttainmentFraction: file.spec.targetAttainmentFraction, plans, notPlanned: [] };
}

const grouped = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function planTable(run: PlanRun, label: string): string {
  const first = run.plans[0];
  const header = ['policy', 'peak replicas', 'GPU-hours', 'cost CNY', 'saving vs static', 'min SLO attainment', 'scale-ups'];
  const rows = run.plans.map((p) => [
    p.policy,
    grouped(p.peakReplicas),
    grouped(p.gpuHours, 1),
    grouped(p.costCny),
    `${grouped(p.savingVsStaticFraction * 100, 1)} %`,
    p.replay ? `${grouped(p.replay.minAttainmentFraction * 100, 2)} %` : '–',
    grouped(scaleUps(p).length),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const span = first ? `${grouped(first.horizonSeconds / 3600, 2)} h in ${grouped(first.intervalSeconds)} s intervals, ` : '';
  return [
    `plan: ${label} (${span}${run.gpusPerReplica} GPUs per replica, cold start ${grouped(run.coldStartSeconds, 1)} s)`,
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.map(line),
    ...(run.notPlanned.length > 0 ? ['', `stopped: not planned: ${run.notPlanned.join(', ')}`] : []),
  ].join('\n') + '\n';
}

export const planChart = (run: PlanRun, id: string): ChartSpec =>
  id === 'attainment' ? planAttainmentChart(run.plans, run.targetAttainmentFraction) : id === 'cost' ? planCostChart(run.plans) : planReplicasChart(run.plans);

/** Per policy and interval: demand, replicas, mean replicas, GPU-hours, scale-ups. */
export const planCsv = (run: PlanRun): string => tableToCsv(planReplicasChart(run.plans).table);
