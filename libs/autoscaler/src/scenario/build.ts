import { replicaThroughputPrepared } from '../../../capacity/src/index.js';
import { mulberry32, resolveScenario, type ResolvedScenario } from '../../../cost/src/index.js';
import { replicaShapeOf, type SimRequest } from '../../../serving-sim/src/index.js';
import { demandProfile } from '../../../workload/src/index.js';
import { demandFromRequests } from '../demand.js';
import { syntheticHarness, traceHarness, type SyntheticHarnessSpec } from '../harness.js';
import type { DemandInterval, DemandSeries, PlanningInput, ReplicaCapacity, ScalingBounds } from '../types.js';
import { arrivalShape } from './arrival-shape.js';
import type { ScenarioRunSpec, TraceColumns } from './types.js';

const SECONDS_PER_HOUR = 3600;

export interface BuiltScenario {
  readonly resolved: ResolvedScenario;
  readonly capacity: ReplicaCapacity;
  readonly demand: DemandSeries;
  readonly harness: SyntheticHarnessSpec;
  readonly requests: readonly SimRequest[] | null;
  readonly meanRequestSeconds: number;
}

/** Trace columns as simulator requests, each given a class by the class weights (seeded draw). */
export function traceToRequests(columns: TraceColumns, weights: readonly number[], seed: number): SimRequest[] {
  const random = mulberry32(seed);
  const total = weights.reduce((a, b) => a + b, 0);
  const requests: SimRequest[] = [];
  for (let i = 0; i < columns.arrivalSeconds.length; i++) {
    let classIndex = 0;
    if (weights.length > 1) {
      let u = random() * total;
      while (classIndex < weights.length - 1 && u >= weights[classIndex]!) u -= weights[classIndex++]!;
    }
    const promptTokens = Math.max(1, columns.promptTokens[i]!);
    requests.push({
      arrivalSeconds: columns.arrivalSeconds[i]!,
      promptTokens,
      outputTokens: Math.max(1, columns.outputTokens[i]!),
      cachedPrefixTokens: Math.min(columns.cachedPrefixTokens[i]!, promptTokens),
      classIndex,
      ...(columns.prefixBlockIds?.[i] !== undefined ? { prefixBlockIds: columns.prefixBlockIds[i] } : {}),
    });
  }
  return requests;
}

/** Hourly demand of the scenario from startHour on, cut into intervals (the mean over a burst period: bursts keep the mean). */
function syntheticDemand(resolved: ResolvedScenario, startHour: number, durationSeconds: number, intervalSeconds: number): DemandSeries {
  const hourly = demandProfile(resolved.workload).hourly;
  const intervals: DemandInterval[] = [];
  for (let t = 0; t < durationSeconds; t += intervalSeconds) {
    const h = hourly[(startHour + Math.floor(t / SECONDS_PER_HOUR)) % 24]!;
    intervals.push({ startSeconds: t, requestsPerSecond: h.requestsPerSecond, prefillTokensPerSecond: h.prefillTokensPerSecond, outputTokensPerSecond: h.outputTokensPerSecond });
  }
  return { intervalSeconds, intervals, repeatsDaily: startHour === 0 && durationSeconds === 86_400 && SECONDS_PER_HOUR % intervalSeconds === 0 };
}

/**
 * Everything a simulation or a plan needs from a scenario: the resolved deployment, one replica's
 * SLO capacity (libs/capacity replicaThroughput: prefill and decode tokens/s, decode batch, idle
 * TTFT, TPOT), the simulator config (replica shape from the prepared deployment, roofline step
 * times), the demand series and the request source.
 *
 * @throws RangeError naming the field.
 */
export function buildScenario(spec: ScenarioRunSpec): BuiltScenario {
  if (spec.classes.length === 0) throw new RangeError('classes: must name at least one class');
  if (!Number.isFinite(spec.intervalSeconds) || spec.intervalSeconds <= 0) throw new RangeError(`intervalSeconds: must be a finite number > 0, got ${String(spec.intervalSeconds)}`);
  const resolved = resolveScenario(spec.scenario);
  const { prepared, workload, slo } = resolved;
  const throughput = replicaThroughputPrepared(prepared, slo, {
    meanPromptTokens: workload.requestSizes.meanPromptTokens,
    meanOutputTokens: workload.requestSizes.meanOutputTokens,
    prefixCacheHitFraction: workload.prefixCacheHitFraction,
  });
  if (!(throughput.decodeTokensPerSecond > 0) || !(throughput.prefillTokensPerSecond > 0)) {
    throw new RangeError(`scenario: one replica cannot serve a mean request (${throughput.warnings.join('; ') || 'no decode capacity'})`);
  }
  const shape = replicaShapeOf(prepared, spec.storageBytesPerSecond);
  const coldStartSeconds = spec.coldStartSeconds ?? shape.coldStartSeconds;
  const capacity: ReplicaCapacity = {
    gpusPerReplica: resolved.deployment.tensorParallelSize,
    prefillTokensPerSecond: throughput.prefillTokensPerSecond,
    decodeTokensPerSecond: throughput.decodeTokensPerSecond,
    concurrentRequests: throughput.decodeBatchSequences,
    coldStartSeconds,
    expectedTtftSeconds: throughput.idleTtftSeconds,
    expectedTpotSeconds: throughput.decodeStep.stepSeconds,
  };
  const uncachedPrompt = Math.max(1, workload.requestSizes.meanPromptTokens * (1 - workload.prefixCacheHitFraction));
  // Little's law on a fully busy replica: B requests in flight, each taking B × its busy time.
  const meanRequestSeconds = capacity.concurrentRequests * (uncachedPrompt / capacity.prefillTokensPerSecond + workload.requestSizes.meanOutputTokens / capacity.decodeTokensPerSecond);
  const weights = spec.classes.map((c) => c.weight);
  const harness: SyntheticHarnessSpec = {
    config: {
      classes: spec.classes.map((c) => ({ name: c.name, slo: { ttftSeconds: c.ttftSeconds, tpotSeconds: c.tpotSeconds }, overloadPolicy: c.overloadPolicy })),
      replica: { ...shape, coldStartSeconds },
      serviceTime: { kind: 'roofline', prepared },
      router: spec.router,
      seed: spec.seed,
      sampleIntervalSeconds: Math.max(10, spec.intervalSeconds / 10),
    },
    sizes: workload.requestSizes,
    prefixCacheHitFraction: workload.prefixCacheHitFraction,
    classWeights: weights,
    seed: spec.seed,
  };
  if (spec.workload.kind === 'trace') {
    const requests = traceToRequests(spec.workload.requests, weights, spec.seed);
    return { resolved, capacity, demand: demandFromRequests(requests, spec.intervalSeconds), harness, requests, meanRequestSeconds };
  }
  const { durationSeconds, startHour } = spec.workload;
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) throw new RangeError(`workload.durationSeconds: must be a finite number > 0, got ${String(durationSeconds)}`);
  if (!Number.isInteger(startHour) || startHour < 0 || startHour > 23) throw new RangeError(`workload.startHour: must be an integer from 0 to 23, got ${String(startHour)}`);
  return { resolved, capacity, demand: syntheticDemand(resolved, startHour, durationSeconds, spec.intervalSeconds), harness, requests: null, meanRequestSeconds };
}

/** The simulator harness of a built scenario (bursty arrivals follow the demand's rates with bursts on top). */
export function harnessOf(built: BuiltScenario, spec: ScenarioRunSpec) {
  if (built.requests !== null) return traceHarness(built.harness, built.requests);
  const shape = spec.workload.kind === 'synthetic' ? arrivalShape(spec.workload.arrival) : arrivalShape('poisson');
  return syntheticHarness(built.harness, built.demand, shape);
}

export function planningInput(built: BuiltScenario, spec: ScenarioRunSpec, bounds: ScalingBounds): PlanningInput {
  return {
    demand: built.demand,
    capacity: built.capacity,
    bounds,
    pricing: { ...built.resolved.pricing, reservedGpus: bounds.reservedReplicas * built.capacity.gpusPerReplica },
    targetUtilizationFraction: built.resolved.targetUtilizationFraction,
    targetAttainmentFraction: spec.targetAttainmentFraction,
    meanRequestSeconds: built.meanRequestSeconds,
    harness: harnessOf(built, spec),
    seed: spec.seed,
  };
}
