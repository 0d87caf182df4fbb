/**
 * In-process throughput of evaluateWhatIf on one core: full what-if evaluations per second
 * (resolve the scenario, memory, throughput at the SLO, demand profile, 26 replica sizings,
 * cost, binding limit).
 *
 *   npm run bench:whatif [-- --quick] [-- --json]
 *
 * Target: 100 000 evaluations/s, so that a sweep of a million grid points takes seconds and the
 * API spends well under a millisecond per request in the model. Each round evaluates for a fixed
 * wall time; the figure quoted is the median over rounds, printed beside the target as a ratio.
 * DAU, tokens per user and the prefix-cache hit change on every iteration (1 024 prebuilt
 * scenarios in rotation) so no result can be reused; the quantization rotates through three
 * formats so every path of the replica search runs.
 */
import { evaluateWhatIf, type ScenarioSpec } from '../libs/cost/src/index.js';
import { median } from './support/stats.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const asJson = args.has('--json');
const TARGET_EVALS_PER_SECOND = 100_000;
const ROUNDS = quick ? 5 : 15;
const SECONDS_PER_ROUND = quick ? 1 : 2;
const WARMUP_SECONDS = quick ? 1 : 2;
const SCENARIO_COUNT = 1024;
const QUANTIZATIONS = [
  { weights: 'bf16', kvCache: 'bf16' },
  { weights: 'int8-w8a16', kvCache: 'bf16' },
  { weights: 'int4-w4a16', kvCache: 'bf16' },
] as const;

function scenarios(): ScenarioSpec[] {
  const list: ScenarioSpec[] = [];
  for (let i = 0; i < SCENARIO_COUNT; i++) {
    list.push({
      model: 'kimi-2024',
      gpu: 'a100-80gb',
      quantization: QUANTIZATIONS[i % QUANTIZATIONS.length]!,
      workload: {
        dailyActiveUsers: 1_000_000 + 997 * i,
        tokensPerUserPerDay: 100_000 + 13 * i,
        prefixCacheHitFraction: 0.4 + (i % 200) / 1000,
      },
    });
  }
  return list;
}

interface Round {
  readonly evaluations: number;
  readonly seconds: number;
  readonly evalsPerSecond: number;
}

let checksum = 0;

function round(list: readonly ScenarioSpec[], seconds: number, offset: number): Round {
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let evaluations = 0;
  let now = start;
  // Check the clock every 256 evaluations: reading it costs about as much as a tenth of one.
  while (now < deadline) {
    for (let j = 0; j < 256; j++) {
      const evaluation = evaluateWhatIf(list[(offset + evaluations) % list.length]!);
      checksum += evaluation.atPeak.gpus;
      evaluations++;
    }
    now = performance.now();
  }
  const elapsed = (now - start) / 1000;
  return { evaluations, seconds: elapsed, evalsPerSecond: evaluations / elapsed };
}

function grouped(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function main(): void {
  const list = scenarios();
  round(list, WARMUP_SECONDS, 0);
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(round(list, SECONDS_PER_ROUND, r * 97));
  const rates = rounds.map((r) => r.evalsPerSecond);
  const medianRate = median(rates);
  const summary = {
    benchmark: 'whatif.evaluations-per-second',
    quick,
    rounds: rounds.length,
    secondsPerRound: SECONDS_PER_ROUND,
    medianEvalsPerSecond: medianRate,
    minEvalsPerSecond: Math.min(...rates),
    maxEvalsPerSecond: Math.max(...rates),
    targetEvalsPerSecond: TARGET_EVALS_PER_SECOND,
    ratioToTarget: medianRate / TARGET_EVALS_PER_SECOND,
    microsecondsPerEvaluation: 1e6 / medianRate,
    checksum,
    perRound: rounds,
  };
  if (asJson) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    console.log(`evaluateWhatIf in process, one core, ${rounds.length} rounds × ${SECONDS_PER_ROUND} s (kimi-2024 on a100-80gb, BF16 / INT8 / INT4, DAU varied)`);
    console.log(
      `median ${grouped(medianRate)} evals/s — target ${grouped(TARGET_EVALS_PER_SECOND)} — ratio ${summary.ratioToTarget.toFixed(2)}× ` +
        `(min ${grouped(summary.minEvalsPerSecond)}, max ${grouped(summary.maxEvalsPerSecond)}; ${summary.microsecondsPerEvaluation.toFixed(2)} µs per evaluation)`,
    );
  }
}

main();
