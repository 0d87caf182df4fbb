import { validatePricing } from '../../cost/src/index.js';
import { simulate, type ReplicaPlanStep, type SimulationResult } from '../../serving-sim/src/index.js';
import { validateBounds } from './bounds.js';
import { horizonSeconds } from './demand.js';
import { createPolicy, predictivePolicy } from './policies/index.js';
import type { ScalingPolicy } from './policies/policy.js';
import type { AutoscalingPlan, PlanInterval, PlanningInput, PlanReplay, PolicyDecision, PolicyKind } from './types.js';

const SECONDS_PER_HOUR = 3600;

function validateInput(input: PlanningInput): void {
  validateBounds(input.bounds);
  validatePricing(input.pricing);
  const positive = (v: number, field: string) => {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${field}: must be a finite number > 0, got ${String(v)}`);
  };
  const c = input.capacity;
  positive(c.gpusPerReplica, 'capacity.gpusPerReplica');
  positive(c.prefillTokensPerSecond, 'capacity.prefillTokensPerSecond');
  positive(c.decodeTokensPerSecond, 'capacity.decodeTokensPerSecond');
  positive(c.concurrentRequests, 'capacity.concurrentRequests');
  positive(input.meanRequestSeconds, 'meanRequestSeconds');
  if (!Number.isFinite(c.coldStartSeconds) || c.coldStartSeconds < 0) throw new RangeError(`capacity.coldStartSeconds: must be a finite number ≥ 0, got ${String(c.coldStartSeconds)}`);
  if (!(input.targetUtilizationFraction > 0 && input.targetUtilizationFraction <= 1)) {
    throw new RangeError(`targetUtilizationFraction: must be in (0, 1], got ${String(input.targetUtilizationFraction)}`);
  }
  if (!(input.targetAttainmentFraction > 0 && input.targetAttainmentFraction < 1)) {
    throw new RangeError(`targetAttainmentFraction: must be in (0, 1), got ${String(input.targetAttainmentFraction)}`);
  }
  if (input.demand.intervals.length === 0) throw new RangeError('demand.intervals: must not be empty');
  input.demand.intervals.forEach((d, i) => {
    for (const key of ['requestsPerSecond', 'prefillTokensPerSecond', 'outputTokensPerSecond'] as const) {
      if (!Number.isFinite(d[key]) || d[key] < 0) throw new RangeError(`demand.intervals[${i}].${key}: must be a finite number ≥ 0, got ${String(d[key])}`);
    }
  });
}

/** ∫ replicas dt over [from, to) of a step function, in replica-seconds, and its maximum there. */
function integrate(steps: readonly ReplicaPlanStep[], from: number, to: number): { replicaSeconds: number; max: number } {
  let replicaSeconds = 0;
  let max = 0;
  for (let i = 0; i < steps.length; i++) {
    const start = Math.max(from, steps[i]!.atSeconds);
    const end = Math.min(to, i + 1 < steps.length ? steps[i + 1]!.atSeconds : Infinity);
    if (end <= start) continue;
    replicaSeconds += steps[i]!.replicas * (end - start);
    max = Math.max(max, steps[i]!.replicas);
  }
  return { replicaSeconds, max };
}

/** ∫ max(0, gpus − reserved) dt: GPU-seconds bought on demand above the reserved baseline. */
function onDemandGpuSeconds(steps: readonly ReplicaPlanStep[], gpusPerReplica: number, reservedGpus: number, horizon: number): number {
  let total = 0;
  for (let i = 0; i < steps.length; i++) {
    const end = Math.min(horizon, i + 1 < steps.length ? steps[i + 1]!.atSeconds : horizon);
    total += Math.max(0, steps[i]!.replicas * gpusPerReplica - reservedGpus) * Math.max(0, end - steps[i]!.atSeconds);
  }
  return total;
}

/** Replays a replica plan through the simulator: the plan's first step is the warm fleet at time 0. */
export function replayPlan(input: PlanningInput, steps: readonly ReplicaPlanStep[]): { replay: PlanReplay; result: SimulationResult } | null {
  if (input.harness === null) return null;
  const result = simulate({ ...input.harness.config, initialReplicas: steps[0]!.replicas, replicaPlan: steps.slice(1) }, input.harness.arrivals());
  const classes = result.classes.map((c) => ({
    name: c.name,
    arrived: c.arrived,
    completed: c.completed,
    rejected: c.rejected['queue-full'] + c.rejected['no-capacity'] + c.rejected['exceeds-replica-kv'],
    sloAttainmentFraction: c.sloAttainmentFraction,
    ttftP99Seconds: c.ttft?.p99Seconds ?? null,
    tpotP99Seconds: c.tpot?.p99Seconds ?? null,
    goodputRequestsPerSecond: c.goodputRequestsPerSecond,
  }));
  const withTraffic = classes.filter((c) => c.arrived > 0);
  return {
    replay: { classes, minAttainmentFraction: withTraffic.length > 0 ? Math.min(...withTraffic.map((c) => c.sloAttainmentFraction)) : 1, events: result.events },
    result,
  };
}

/**
 * Dynamo's planner correction: actual over expected latency from a replay of the uncorrected plan
 * (median TTFT over the idle-replica TTFT, median TPOT over the modelled TPOT, weighted by each
 * class's completed requests), fed back into a second plan. Kept within [0.5, 4] so one outlier
 * replay cannot halve or quadruple the fleet beyond that.
 */
function correctedPredictive(input: PlanningInput, first: SimulationResult): ScalingPolicy {
  let ttft = 0;
  let tpot = 0;
  let ttftN = 0;
  let tpotN = 0;
  for (const c of first.classes) {
    if (c.ttft) {
      ttft += c.ttft.p50Seconds * c.completed;
      ttftN += c.completed;
    }
    if (c.tpot) {
      tpot += c.tpot.p50Seconds * c.completed;
      tpotN += c.completed;
    }
  }
  const clamp = (x: number) => (Number.isFinite(x) ? Math.min(4, Math.max(0.5, x)) : 1);
  return predictivePolicy({
    prefillCorrection: ttftN > 0 ? clamp(ttft / ttftN / input.capacity.expectedTtftSeconds) : 1,
    decodeCorrection: tpotN > 0 ? clamp(tpot / tpotN / input.capacity.expectedTpotSeconds) : 1,
  });
}

function assemble(input: PlanningInput, kind: PolicyKind, decision: PolicyDecision, replay: PlanReplay | null, staticCostCny: number | null): AutoscalingPlan {
  const { demand, capacity, pricing } = input;
  const horizon = horizonSeconds(demand);
  const steps = decision.steps;
  const intervals: PlanInterval[] = demand.intervals.map((d, i) => {
    const { replicaSeconds, max } = integrate(steps, d.startSeconds, d.startSeconds + demand.intervalSeconds);
    return {
      startSeconds: d.startSeconds,
      requestsPerSecond: d.requestsPerSecond,
      replicas: max,
      meanReplicas: replicaSeconds / demand.intervalSeconds,
      gpuHours: (replicaSeconds * capacity.gpusPerReplica) / SECONDS_PER_HOUR,
      notes: decision.notes?.[i] ?? {},
    };
  });
  const gpuHours = intervals.reduce((s, x) => s + x.gpuHours, 0);
  // Reserved GPUs are paid all horizon; GPUs above them on demand (libs/cost gpuHourCost's rule, over any horizon).
  const reservedGpuHours = (pricing.reservedGpus * horizon) / SECONDS_PER_HOUR;
  const onDemandGpuHours = onDemandGpuSeconds(steps, capacity.gpusPerReplica, pricing.reservedGpus, horizon) / SECONDS_PER_HOUR;
  const costCny = reservedGpuHours * pricing.reservedCnyPerGpuHour + onDemandGpuHours * pricing.onDemandCnyPerGpuHour;
  const baseline = staticCostCny ?? costCny;
  return {
    policy: kind,
    intervalSeconds: demand.intervalSeconds,
    horizonSeconds: horizon,
    steps,
    intervals,
    peakReplicas: Math.max(...steps.map((s) => s.replicas)),
    gpuHours,
    reservedGpuHours,
    onDemandGpuHours,
    costCny,
    savingVsStaticCny: baseline - costCny,
    savingVsStaticFraction: baseline > 0 ? (baseline - costCny) / baseline : 0,
    replay,
  };
}

/**
 * Plans the fleet with each policy, prices it (libs/cost's reserved + on-demand rule) and replays
 * it through libs/serving-sim when a harness is given. Static peak is always planned first: every
 * other plan reports its saving against it.
 *
 * @throws RangeError naming the field of an invalid input.
 */
export function planAutoscaling(input: PlanningInput, kinds: readonly PolicyKind[], onPolicyDone?: (kind: PolicyKind) => void): AutoscalingPlan[] {
  validateInput(input);
  for (const kind of kinds) createPolicy(kind);
  const staticDecision = createPolicy('static-peak').decide(input);
  const staticCost = assemble(input, 'static-peak', staticDecision, null, null).costCny;
  return kinds.map((kind) => {
    let decision = createPolicy(kind).decide(input);
    let replayed = replayPlan(input, decision.steps);
    if (kind === 'predictive' && replayed !== null) {
      decision = correctedPredictive(input, replayed.result).decide(input);
      replayed = replayPlan(input, decision.steps);
    }
    const plan = assemble(input, kind, decision, replayed?.replay ?? null, staticCost);
    onPolicyDone?.(kind);
    return plan;
  });
}

/** One CSV row per interval: start, demand, replicas, mean replicas, GPUs, GPU-hours. */
export function planToCsv(plan: AutoscalingPlan, gpusPerReplica: number): string {
  const header = 'interval,start_seconds,requests_per_second,replicas,mean_replicas,gpus,gpu_hours';
  const rows = plan.intervals.map((x, i) =>
    [i, x.startSeconds, x.requestsPerSecond.toFixed(6), x.replicas, x.meanReplicas.toFixed(4), x.replicas * gpusPerReplica, x.gpuHours.toFixed(4)].join(','),
  );
  return `${[header, ...rows].join('\n')}\n`;
}
