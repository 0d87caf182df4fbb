/**
 * Wall time of a Monte Carlo forecast: N = 10 000 samples × 36 months (kimi-2024 INT8 on
 * A100-80GB, exponential growth, a hardware step to INT4 in month 18, power cost), on one core.
 *
 *   npm run bench:forecast [-- --quick] [-- --json]
 *
 * Target: N = 10 000 over 36 months "in seconds", taken as 5 s. The figure quoted is the median
 * over runs, printed beside the target as a ratio (target ÷ median: above 1 = faster than needed).
 * Also reported: sample-months per second (each is 24 hourly sizings and the month's money), also
 * as `evaluationsPerSecond` in the JSON (the name; its target is 1 M per second).
 * --quick runs N = 10 000 three times (well under a minute); the full run five times.
 */
import { runForecast, type ForecastSpec } from '../libs/cost/src/index.js';
import { median } from './support/stats.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const asJson = args.has('--json');
const TARGET_SECONDS = 5;
const SAMPLES = 10_000;
const MONTHS = 36;
const RUNS = quick ? 3 : 5;

const spec: ForecastSpec = {
  scenario: { model: 'kimi-2024', gpu: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' } },
  months: MONTHS,
  growth: { kind: 'exponential', startDau: 100_000, monthlyGrowthFraction: 0.1 },
  hardwareSteps: [{ fromMonth: 18, quantization: { weights: 'int4-w4a16', kvCache: 'bf16' } }],
  power: { pue: 1.3, cnyPerKwh: 0.6 },
  samples: SAMPLES,
  seed: 1,
};

function main(): void {
  runForecast({ ...spec, samples: 500 }); // warm-up: JIT and the catalog
  const seconds: number[] = [];
  let checksum = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    const result = runForecast({ ...spec, seed: r + 1 });
    seconds.push((performance.now() - start) / 1000);
    checksum += result.totalCostCny.p50;
  }
  const medianSeconds = median(seconds);
  const sampleMonthsPerSecond = (SAMPLES * MONTHS) / medianSeconds;
  const summary = {
    benchmark: 'forecast.monte-carlo-10k-x-36-months',
    quick,
    runs: RUNS,
    samples: SAMPLES,
    months: MONTHS,
    medianSeconds,
    minSeconds: Math.min(...seconds),
    maxSeconds: Math.max(...seconds),
    targetSeconds: TARGET_SECONDS,
    ratioToTarget: TARGET_SECONDS / medianSeconds,
    sampleMonthsPerSecond,
    evaluationsPerSecond: sampleMonthsPerSecond,
    checksum,
    perRunSeconds: seconds,
  };
  if (asJson) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    console.log(`runForecast, one core, ${RUNS} runs of N = ${SAMPLES} × ${MONTHS} months (kimi-2024 INT8→INT4 on a100-80gb, power cost)`);
    console.log(
      `median ${medianSeconds.toFixed(3)} s — target ${TARGET_SECONDS} s — ratio ${summary.ratioToTarget.toFixed(1)}× faster than the target ` +
        `(min ${summary.minSeconds.toFixed(3)} s, max ${summary.maxSeconds.toFixed(3)} s; ${Math.round(sampleMonthsPerSecond).toLocaleString('en-US')} sample-months/s)`,
    );
  }
}

main();
