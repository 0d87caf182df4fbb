import { simulate, type LatencySummary, type SimulationResult } from '../../../serving-sim/src/index.js';
import { planAutoscaling, replayPlan } from '../plan.js';
import type { AutoscalingPlan, PolicyKind, ScalingBounds } from '../types.js';
import { buildScenario, harnessOf, planningInput } from './build.js';
import type { FleetSpec, ScenarioRunSpec } from './types.js';

const MAX_SAMPLES = 500;

export interface LatencyPercentiles {
  readonly count: number;
  readonly meanSeconds: number;
  readonly p50Seconds: number;
  readonly p90Seconds: number;
  readonly p99Seconds: number;
}

export interface SimulationClassSummary {
  readonly name: string;
  readonly arrived: number;
  readonly completed: number;
  readonly rejected: Readonly<Record<string, number>>;
  readonly rejectedTotal: number;
  readonly preemptions: number;
  readonly ttft: LatencyPercentiles | null;
  readonly tpot: LatencyPercentiles | null;
  readonly endToEnd: LatencyPercentiles | null;
  readonly queueWait: LatencyPercentiles | null;
  readonly sloAttainmentFraction: number;
  readonly goodputRequestsPerSecond: number;
  readonly throughputRequestsPerSecond: number;
  readonly outputTokensPerSecond: number;
}

export interface SimulationSummary {
  readonly fleet: FleetSpec;
  readonly gpusPerReplica: number;
  readonly coldStartSeconds: number;
  readonly durationSeconds: number;
  readonly events: number;
  readonly classes: readonly SimulationClassSummary[];
  readonly meanRequestsInSystem: number;
  readonly meanQueuedRequests: number;
  readonly replicaBusyFraction: number;
  readonly gpuHours: number;
  /** The plan the fleet followed (policy runs), null for a fixed fleet. */
  readonly plan: AutoscalingPlan | null;
  /** Sampled queue lengths, KV utilisation and ready replicas (at most 500 points, evenly thinned). */
  readonly samples: {
    readonly timeSeconds: readonly number[];
    readonly queuedRequestsByClass: readonly (readonly number[])[];
    readonly kvUtilizationFraction: readonly number[];
    readonly readyReplicas: readonly number[];
  };
}

function percentiles(s: LatencySummary | null): LatencyPercentiles | null {
  return s === null ? null : { count: s.count, meanSeconds: s.meanSeconds, p50Seconds: s.p50Seconds, p90Seconds: s.p90Seconds, p99Seconds: s.p99Seconds };
}

function thin<T>(values: readonly T[]): T[] {
  if (values.length <= MAX_SAMPLES) return [...values];
  const step = values.length / MAX_SAMPLES;
  return Array.from({ length: MAX_SAMPLES }, (_, i) => values[Math.floor(i * step)]!);
}

function summarize(result: SimulationResult, fleet: FleetSpec, gpusPerReplica: number, coldStartSeconds: number, plan: AutoscalingPlan | null): SimulationSummary {
  return {
    fleet,
    gpusPerReplica,
    coldStartSeconds,
    durationSeconds: result.durationSeconds,
    events: result.events,
    classes: result.classes.map((c) => ({
      name: c.name,
      arrived: c.arrived,
      completed: c.completed,
      rejected: c.rejected,
      rejectedTotal: c.rejected['queue-full'] + c.rejected['no-capacity'] + c.rejected['exceeds-replica-kv'],
      preemptions: c.preemptions,
      ttft: percentiles(c.ttft),
      tpot: percentiles(c.tpot),
      endToEnd: percentiles(c.endToEnd),
      queueWait: percentiles(c.queueWait),
      sloAttainmentFraction: c.sloAttainmentFraction,
      goodputRequestsPerSecond: c.goodputRequestsPerSecond,
      throughputRequestsPerSecond: c.throughputRequestsPerSecond,
      outputTokensPerSecond: c.outputTokensPerSecond,
    })),
    meanRequestsInSystem: result.meanRequestsInSystem,
    meanQueuedRequests: result.meanQueuedRequests,
    replicaBusyFraction: result.replicaBusyFraction,
    gpuHours: plan !== null ? plan.gpuHours : (result.replicaSecondsReady * gpusPerReplica) / 3600,
    plan,
    samples: {
      timeSeconds: thin(result.samples.timeSeconds),
      queuedRequestsByClass: result.samples.queuedRequestsByClass.map((q) => thin(q)),
      kvUtilizationFraction: thin(result.samples.kvUtilizationFraction),
      readyReplicas: thin(result.samples.readyReplicas),
    },
  };
}

/**
 * One simulation of a scenario: a fixed fleet, or the fleet a policy plans (the plan is replayed
 * and its replay is the simulation reported).
 *
 * @throws RangeError naming the field.
 */
export function runScenarioSimulation(spec: ScenarioRunSpec, fleet: FleetSpec): SimulationSummary {
  const built = buildScenario(spec);
  const { gpusPerReplica, coldStartSeconds } = built.capacity;
  if (fleet.kind === 'fixed') {
    if (!Number.isSafeInteger(fleet.replicas) || fleet.replicas < 1) throw new RangeError(`replicas: must be an integer ≥ 1, got ${String(fleet.replicas)}`);
    const harness = harnessOf(built, spec);
    const result = simulate({ ...harness.config, initialReplicas: fleet.replicas }, harness.arrivals());
    return summarize(result, fleet, gpusPerReplica, coldStartSeconds, null);
  }
  const input = planningInput(built, spec, fleet.bounds);
  const [plan] = planAutoscaling({ ...input, harness: null }, [fleet.policy]);
  const replayed = replayPlan(input, plan!.steps)!;
  return summarize(replayed.result, fleet, gpusPerReplica, coldStartSeconds, { ...plan!, replay: replayed.replay });
}

/** Plans of one or more policies for a scenario, each replayed through the simulator. */
export function runScenarioPlans(spec: ScenarioRunSpec, policies: readonly PolicyKind[], bounds: ScalingBounds): AutoscalingPlan[] {
  const built = buildScenario(spec);
  return planAutoscaling(planningInput(built, spec, bounds), policies);
}

/** Sizes of what a run would simulate, for the API's caps (checked before any job starts). */
export function scenarioRunSize(spec: ScenarioRunSpec): { requests: number; durationSeconds: number; eventsUpperBound: number; gpusPerReplica: number } {
  const built = buildScenario(spec);
  const horizon = built.demand.intervals.length * built.demand.intervalSeconds;
  const requests = built.requests !== null ? built.requests.length : built.demand.intervals.reduce((s, d) => s + d.requestsPerSecond * built.demand.intervalSeconds, 0);
  const sizes = built.resolved.workload.requestSizes;
  const chunk = built.resolved.prepared.deployment.prefillChunkTokens;
  // Each request: arrival, finish, its prefill chunks and at most one decode step per output token.
  const eventsUpperBound = Math.ceil(requests * (2 + Math.ceil(sizes.meanPromptTokens / chunk) + sizes.meanOutputTokens));
  return { requests: Math.ceil(requests), durationSeconds: horizon, eventsUpperBound, gpusPerReplica: built.capacity.gpusPerReplica };
}
