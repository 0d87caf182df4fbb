/**
 * Serving-simulator speed on one core (libs/serving-sim):
 *
 *   npm run bench:sim [-- --quick] [-- --json]
 *
 * 1. eventsPerSecond — simulated events (arrivals, prefill chunks, decode steps, fleet changes,
 *    samples) processed per wall second, single-threaded. Target ≥ 2 000 000.
 * 2. daySeconds — wall time to simulate one day of the source report's load: DAU 1 M × 100 k
 *    tokens per user on kimi-2024, A100-80GB, INT8 W8A16 weights, BF16 KV; the fleet follows the
 *    hourly replica plan of libs/cost's evaluateWhatIf (cold start 151 GB / 2 GB/s ≈ 76 s for each
 *    scale-up), requests are Poisson at the hourly demand rate with Mooncake-shaped sizes (15 325 /
 *    149 tokens, 50 % prefix hits), one B2B request in four. Target < 60 s.
 * Memory: peak resident set of the process and heap used after a run.
 *
 * Full mode: the whole day, 3 runs (median). --quick (< 1 min): the two busiest consecutive hours
 * (21:00–23:00, 2/24 of the day's requests), 3 runs; the day time is then extrapolated
 * (× 12) and flagged as such. Each figure is printed beside its target as a ratio.
 */
import { mulberry32, evaluateWhatIf, resolveScenario, type ScenarioSpec } from '../libs/cost/src/index.js';
import {
  hourlyRate,
  lognormalRequestSizes,
  poissonArrivals,
  replicaShapeOf,
  simulate,
  type SimulationConfig,
  type SimulationResult,
} from '../libs/serving-sim/src/index.js';
import { median } from './support/stats.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const asJson = args.has('--json');
const TARGET_EVENTS_PER_SECOND = 2_000_000;
const TARGET_DAY_SECONDS = 60;
const RUNS = 3;
const STORAGE_BYTES_PER_SECOND = 2e9;
const SECONDS_PER_HOUR = 3600;

const scenario: ScenarioSpec = {
  model: 'kimi-2024',
  gpu: 'a100-80gb',
  quantization: { weights: 'int8-w8a16', kvCache: 'bf16' },
  workload: { dailyActiveUsers: 1_000_000, tokensPerUserPerDay: 100_000 },
};

interface Run {
  readonly wallSeconds: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly requests: number;
  readonly heapUsedBytes: number;
}

function setup(startHour: number, hours: number) {
  const evaluation = evaluateWhatIf(scenario);
  const resolved = resolveScenario(scenario);
  const prepared = resolved.prepared;
  const workload = resolved.workload;
  const rates = evaluation.demand.hourly.map((h) => h.requestsPerSecond);
  const shifted = Array.from({ length: 24 }, (_, h) => rates[(h + startHour) % 24]!);
  const replicasByHour = Array.from({ length: 24 }, (_, h) => evaluation.hourly[(h + startHour) % 24]!.replicas);
  const config: SimulationConfig = {
    classes: [
      { name: 'b2b', slo: { ttftSeconds: 2, tpotSeconds: 0.08 }, overloadPolicy: 'queue' },
      { name: 'consumer', slo: { ttftSeconds: 10, tpotSeconds: 0.2 }, overloadPolicy: 'preempt' },
    ],
    replica: replicaShapeOf(prepared, STORAGE_BYTES_PER_SECOND),
    initialReplicas: replicasByHour[0]!,
    replicaPlan: replicasByHour.slice(1, hours).map((replicas, i) => ({ atSeconds: (i + 1) * SECONDS_PER_HOUR, replicas })),
    serviceTime: { kind: 'roofline', prepared },
    router: 'least-outstanding-tokens',
    seed: 1,
    sampleIntervalSeconds: 60,
  };
  const arrivals = () =>
    poissonArrivals({
      requestsPerSecondAt: hourlyRate(shifted),
      maxRequestsPerSecond: Math.max(...shifted),
      durationSeconds: hours * SECONDS_PER_HOUR,
      sizes: lognormalRequestSizes(workload.requestSizes, workload.prefixCacheHitFraction, mulberry32(2)),
      classWeights: [1, 3],
      random: mulberry32(3),
    });
  return { evaluation, config, arrivals };
}

function once(config: SimulationConfig, arrivals: () => Iterable<never> | ReturnType<typeof poissonArrivals>): { run: Run; result: SimulationResult } {
  const start = performance.now();
  const result = simulate(config, arrivals());
  const wallSeconds = (performance.now() - start) / 1000;
  const requests = result.classes.reduce((n, c) => n + c.arrived, 0);
  return {
    run: { wallSeconds, events: result.events, eventsPerSecond: result.events / wallSeconds, requests, heapUsedBytes: process.memoryUsage().heapUsed },
    result,
  };
}

function grouped(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function main(): void {
  const startHour = quick ? 21 : 0;
  const hours = quick ? 2 : 24;
  const { evaluation, config, arrivals } = setup(startHour, hours);
  const runs: Run[] = [];
  let last: SimulationResult | null = null;
  for (let i = 0; i < RUNS; i++) {
    const { run, result } = once(config, arrivals);
    runs.push(run);
    last = result;
  }
  const result = last!;
  const medianEventsPerSecond = median(runs.map((r) => r.eventsPerSecond));
  const medianWallSeconds = median(runs.map((r) => r.wallSeconds));
  const daySeconds = medianWallSeconds * (24 / hours);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const classes = result.classes.map((c) => ({
    name: c.name,
    arrived: c.arrived,
    completed: c.completed,
    preemptions: c.preemptions,
    rejected: c.rejected,
    sloAttainmentFraction: c.sloAttainmentFraction,
    ttftP99Seconds: c.ttft?.p99Seconds ?? null,
    tpotP99Seconds: c.tpot?.p99Seconds ?? null,
  }));
  const summary = {
    benchmark: 'serving-sim',
    quick,
    simulatedHours: hours,
    startHour,
    runs: runs.length,
    eventsPerSecond: medianEventsPerSecond,
    targetEventsPerSecond: TARGET_EVENTS_PER_SECOND,
    eventsPerSecondRatioToTarget: medianEventsPerSecond / TARGET_EVENTS_PER_SECOND,
    wallSecondsMedian: medianWallSeconds,
    daySeconds,
    daySecondsExtrapolated: hours !== 24,
    targetDaySeconds: TARGET_DAY_SECONDS,
    daySecondsRatioToTarget: daySeconds / TARGET_DAY_SECONDS,
    peakRssBytes,
    heapUsedBytesAfterRun: runs[runs.length - 1]!.heapUsedBytes,
    events: result.events,
    eventsByKind: result.eventsByKind,
    requests: runs[0]!.requests,
    fleet: { peakReplicas: evaluation.atPeak.replicas, gpusPerReplica: evaluation.tensorParallelSize, replicaBusyFraction: result.replicaBusyFraction },
    classes,
    perRun: runs,
  };
  if (asJson) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  console.log(
    `serving-sim, one core: kimi-2024 on a100-80gb INT8, DAU 1 M × 100 k tokens, ${hours} h from ${startHour}:00 ` +
      `(${grouped(summary.requests)} requests, ${grouped(result.events)} events, up to ${evaluation.atPeak.replicas} replicas × ${evaluation.tensorParallelSize} GPUs), median of ${runs.length}`,
  );
  console.log(
    `events/s ${grouped(medianEventsPerSecond)} — target ${grouped(TARGET_EVENTS_PER_SECOND)} — ratio ${summary.eventsPerSecondRatioToTarget.toFixed(2)}×`,
  );
  console.log(
    `one day ${daySeconds.toFixed(1)} s${summary.daySecondsExtrapolated ? ` (extrapolated × ${24 / hours} from ${medianWallSeconds.toFixed(1)} s)` : ''} — target < ${TARGET_DAY_SECONDS} s — ratio ${summary.daySecondsRatioToTarget.toFixed(2)} of the budget`,
  );
  console.log(`memory: peak RSS ${(peakRssBytes / 2 ** 20).toFixed(0)} MiB, heap after run ${(summary.heapUsedBytesAfterRun / 2 ** 20).toFixed(0)} MiB`);
  for (const c of classes) {
    console.log(
      `  ${c.name}: ${grouped(c.completed)}/${grouped(c.arrived)} done, SLO met ${(100 * c.sloAttainmentFraction).toFixed(1)} %, ` +
        `TTFT p99 ${c.ttftP99Seconds?.toFixed(2)} s, TPOT p99 ${c.tpotP99Seconds === null ? '—' : (c.tpotP99Seconds * 1000).toFixed(0)} ms, preemptions ${c.preemptions}`,
    );
  }
}

main();
