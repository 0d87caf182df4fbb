import type { ReplicaPlanStep } from '../../serving-sim/src/index.js';

/** Steps from (time, replicas) points in time order, keeping only changes. */
export function compactSteps(points: readonly ReplicaPlanStep[]): ReplicaPlanStep[] {
  const steps: ReplicaPlanStep[] = [];
  for (const p of points) {
    const last = steps[steps.length - 1];
    if (last !== undefined && last.atSeconds === p.atSeconds) steps[steps.length - 1] = p;
    else if (last === undefined || last.replicas !== p.replicas) steps.push(p);
  }
  return steps.filter((s, i) => i === 0 || s.replicas !== steps[i - 1]!.replicas);
}

/**
 * Per-interval replica counts provisioned ahead: interval i's replicas are launched leadSeconds
 * before it starts (so they are ready at its start), and an interval keeps its own replicas to
 * its end (no early scale-down): r(t) = max(count at t, count at t + lead).
 */
export function provisionAhead(counts: readonly number[], intervalSeconds: number, leadSeconds: number): ReplicaPlanStep[] {
  const n = counts.length;
  const at = (t: number) => counts[Math.min(n - 1, Math.floor(t / intervalSeconds))]!;
  const times = new Set<number>([0]);
  for (let i = 1; i < n; i++) {
    times.add(i * intervalSeconds);
    times.add(Math.max(0, i * intervalSeconds - leadSeconds));
  }
  const sorted = [...times].sort((a, b) => a - b);
  return compactSteps(sorted.map((t) => ({ atSeconds: t, replicas: Math.max(at(t), t + leadSeconds < n * intervalSeconds ? at(t + leadSeconds) : 0) })));
}

/** Replicas in force at time t. */
export function replicasAt(steps: readonly ReplicaPlanStep[], t: number): number {
  let r = steps[0]!.replicas;
  for (const s of steps) {
    if (s.atSeconds > t) break;
    r = s.replicas;
  }
  return r;
}
