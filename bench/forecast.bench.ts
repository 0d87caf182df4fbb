/**
 * Monte Carlo forecast speed: N = 10 000 samples × 36 months (kimi-2024 INT8 on A100-80GB,
 * exponential growth, a hardware step to INT4 in month 18, power cost).
 *
 *   npm run bench:forecast [-- --quick] [-- --json] [-- --workers=K]
 *
 * Two figures, each beside its target as a ratio (target ÷ measured or measured ÷ target: above 1
 * = better than needed):
 * - wall time of one forecast, N = 10 000 × 36 months, on one core (the job runs a forecast as one
 *   chunk, because its percentiles need every sample together); target "in seconds", taken as 5 s;
 * - `evaluationsPerSecond`: scenario-month evaluations (one sample's month: 24 hourly sizings and
 *   its money) per second across all cores, with node worker_threads (one per core unless
 *   --workers is given), each running its share of the 10 000 samples (seed per worker); target
 *   1 000 000 per second. The split is for throughput only: it is how several forecasts share a
 *   machine, not one forecast's percentiles.
 * The median over runs is quoted. --quick: 3 runs each; the full run 5. The two vCPUs of this
 * machine are shared and sometimes behave as hyperthreads of one core: read the figure with the
 * load average printed beside it.
 */
import { availableParallelism, loadavg } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { runForecast, type ForecastSpec } from '../libs/cost/src/index.js';
import { median } from './support/stats.js';

const TARGET_SECONDS = 5;
const TARGET_EVALUATIONS_PER_SECOND = 1_000_000;
const SAMPLES = 10_000;
const MONTHS = 36;

const spec: ForecastSpec = {
  scenario: { model: 'kimi-2024', gpu: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' } },
  months: MONTHS,
  growth: { kind: 'exponential', startDau: 100_000, monthlyGrowthFraction: 0.1 },
  hardwareSteps: [{ fromMonth: 18, quantization: { weights: 'int4-w4a16', kvCache: 'bf16' } }],
  power: { pue: 1.3, cnyPerKwh: 0.6 },
  samples: SAMPLES,
  seed: 1,
};

interface Task {
  readonly samples: number;
  readonly seed: number;
}

function workerMain(): void {
  const { index } = workerData as { index: number };
  runForecast({ ...spec, samples: 500, seed: 1000 + index }); // warm-up: JIT and the catalog
  parentPort!.on('message', (task: Task | null) => {
    if (task === null) return process.exit(0);
    const result = runForecast({ ...spec, samples: task.samples, seed: task.seed });
    parentPort!.postMessage(result.totalCostCny.p50);
  });
  parentPort!.postMessage('ready');
}

async function startWorkers(count: number): Promise<Worker[]> {
  const workers = Array.from({ length: count }, (_, index) => new Worker(new URL(import.meta.url), { workerData: { index } }));
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  })));
  return workers;
}

/** Wall time of N samples × 36 months split evenly over the workers. */
async function parallelRun(workers: Worker[], run: number): Promise<number> {
  const share = Math.ceil(SAMPLES / workers.length);
  const start = performance.now();
  await Promise.all(
    workers.map((w, i) => new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
      w.postMessage({ samples: Math.min(share, SAMPLES - i * share), seed: run * 100 + i + 1 } satisfies Task);
    })),
  );
  return (performance.now() - start) / 1000;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const asJson = args.includes('--json');
  const workersArg = args.find((a) => a.startsWith('--workers='));
  const workerCount = workersArg ? Math.max(1, Number(workersArg.split('=')[1])) : availableParallelism();
  const runs = quick ? 3 : 5;

  runForecast({ ...spec, samples: 500 }); // warm-up: JIT and the catalog
  const oneCoreSeconds: number[] = [];
  let checksum = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const result = runForecast({ ...spec, seed: r + 1 });
    oneCoreSeconds.push((performance.now() - start) / 1000);
    checksum += result.totalCostCny.p50;
  }

  const workers = await startWorkers(workerCount);
  const parallelSeconds: number[] = [];
  for (let r = 0; r < runs; r++) parallelSeconds.push(await parallelRun(workers, r));
  for (const w of workers) w.postMessage(null);

  const evaluations = SAMPLES * MONTHS;
  const medianSeconds = median(oneCoreSeconds);
  const medianParallelSeconds = median(parallelSeconds);
  const evaluationsPerSecond = evaluations / medianParallelSeconds;
  const summary = {
    benchmark: 'forecast.monte-carlo-10k-x-36-months',
    quick,
    runs,
    samples: SAMPLES,
    months: MONTHS,
    workers: workerCount,
    loadAverage1Minute: loadavg()[0] ?? 0,
    // One forecast on one core.
    medianSeconds,
    minSeconds: Math.min(...oneCoreSeconds),
    maxSeconds: Math.max(...oneCoreSeconds),
    targetSeconds: TARGET_SECONDS,
    ratioToTarget: TARGET_SECONDS / medianSeconds,
    oneCoreEvaluationsPerSecond: evaluations / medianSeconds,
    // The same N × 36 months split over the workers.
    medianParallelSeconds,
    evaluationsPerSecond,
    targetEvaluationsPerSecond: TARGET_EVALUATIONS_PER_SECOND,
    evaluationsRatioToTarget: evaluationsPerSecond / TARGET_EVALUATIONS_PER_SECOND,
    /** Kept for readers of the earlier JSON: one-core sample-months per second. */
    sampleMonthsPerSecond: evaluations / medianSeconds,
    checksum,
    perRunSeconds: oneCoreSeconds,
    perRunParallelSeconds: parallelSeconds,
  };
  if (asJson) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log(`Monte Carlo forecast, N = ${SAMPLES} × ${MONTHS} months (kimi-2024 INT8→INT4 on a100-80gb, power cost), ${runs} runs, load average ${summary.loadAverage1Minute.toFixed(2)}`);
  console.log(
    `one core: median ${medianSeconds.toFixed(3)} s — target ${TARGET_SECONDS} s — ratio ${summary.ratioToTarget.toFixed(1)}× ` +
      `(min ${summary.minSeconds.toFixed(3)} s, max ${summary.maxSeconds.toFixed(3)} s; ${n(summary.oneCoreEvaluationsPerSecond)} evaluations/s)`,
  );
  console.log(
    `${workerCount} worker threads: median ${medianParallelSeconds.toFixed(3)} s — ${n(evaluationsPerSecond)} evaluations/s — ` +
      `target ${n(TARGET_EVALUATIONS_PER_SECOND)}/s — ratio ${summary.evaluationsRatioToTarget.toFixed(2)}`,
  );
}

if (isMainThread) await main();
else workerMain();
