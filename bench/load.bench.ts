/**
 * Sustained load: POST /v1/what-if at the rate the README claims (500 requests/s, open loop) for
 * 5 minutes against the built service on loopback, started as its own process the way users run
 * it. Records the error rate, latency percentiles per 30 s segment and overall, and the service's
 * resident memory (RSS, from /proc) at the start and end.
 *
 *   npm run bench:load [-- --quick] [-- --json]      (--quick: 30 s instead of 300 s)
 *
 * Bounds (issue 9): error rate 0; RSS at the end no more than 20 % above the start (after a
 * warm-up, so JIT and first-request allocations are not counted as growth); p99 under the 20 ms
 * of the latency bench (bench/api.bench.ts), since sustained load must not degrade it.
 */
import { readFileSync } from 'node:fs';
import { quantileSorted } from 'simple-statistics';
import { runOpenLoop } from './support/open-loop-load.js';
import { startBuiltApi } from './support/service.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const asJson = args.has('--json');
const RATE_PER_SECOND = 500;
const TOTAL_SECONDS = quick ? 30 : 300;
const SEGMENT_SECONDS = quick ? 10 : 30;
const MAX_RSS_GROWTH_FRACTION = 0.2;
const TARGET_P99_MS = 20;

const body = JSON.stringify({
  modelId: 'kimi-2024',
  gpuId: 'a100-80gb',
  quantization: { weights: 'int8-w8a16', kvCache: 'bf16' },
  workload: { dailyActiveUsers: 1_000_000, tokensPerUserPerDay: 100_000 },
});

/** Resident set of a process in bytes (Linux /proc; VmRSS is in kB). */
function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

interface Segment {
  readonly endSeconds: number;
  readonly requests: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rssMiB: number;
}

const mib = (bytes: number) => bytes / 2 ** 20;

async function main(): Promise<void> {
  const service = await startBuiltApi({ PGLITE_DATA_DIR: 'memory://', DATABASE_URL: undefined, REDIS_URL: undefined, LOG_LEVEL: 'warn' });
  const pid = service.child.pid!;
  try {
    await runOpenLoop({ url: `${service.url}/v1/what-if`, body, requestsPerSecond: RATE_PER_SECOND, seconds: 5 }); // warm-up
    const rssStart = rssBytes(pid);
    const segments: Segment[] = [];
    const all: number[] = [];
    let errors = 0;
    let requests = 0;
    for (let elapsed = 0; elapsed < TOTAL_SECONDS; elapsed += SEGMENT_SECONDS) {
      const r = await runOpenLoop({ url: `${service.url}/v1/what-if`, body, requestsPerSecond: RATE_PER_SECOND, seconds: SEGMENT_SECONDS });
      const sorted = [...r.latenciesMs].sort((a, b) => a - b);
      all.push(...sorted);
      errors += r.failures;
      requests += r.requestsSent;
      segments.push({ endSeconds: elapsed + SEGMENT_SECONDS, requests: r.requestsSent, errors: r.failures, p50Ms: quantileSorted(sorted, 0.5), p99Ms: quantileSorted(sorted, 0.99), rssMiB: mib(rssBytes(pid)) });
      if (!asJson) {
        const s = segments[segments.length - 1]!;
        console.log(`  ${String(s.endSeconds).padStart(3)} s: ${s.requests} requests, ${s.errors} errors, p50 ${s.p50Ms.toFixed(2)} ms, p99 ${s.p99Ms.toFixed(2)} ms, RSS ${s.rssMiB.toFixed(0)} MiB`);
      }
    }
    const rssEnd = rssBytes(pid);
    all.sort((a, b) => a - b);
    const rssGrowthFraction = rssEnd / rssStart - 1;
    const p99 = quantileSorted(all, 0.99);
    const summary = {
      benchmark: 'api.what-if.sustained-load',
      offeredRequestsPerSecond: RATE_PER_SECOND,
      seconds: TOTAL_SECONDS,
      requests,
      errors,
      errorRate: errors / requests,
      p50Ms: quantileSorted(all, 0.5),
      p99Ms: p99,
      maxMs: all[all.length - 1] ?? 0,
      targetP99Ms: TARGET_P99_MS,
      p99OverTargetRatio: p99 / TARGET_P99_MS,
      rssStartMiB: mib(rssStart),
      rssEndMiB: mib(rssEnd),
      rssGrowthFraction,
      maxRssGrowthFraction: MAX_RSS_GROWTH_FRACTION,
      segments,
    };
    if (asJson) {
      console.log(JSON.stringify(summary, null, 2));
    } else {
      console.log(`POST /v1/what-if at ${RATE_PER_SECOND} req/s offered for ${TOTAL_SECONDS} s (open loop, loopback, built service)`);
      console.log(`requests ${requests}, errors ${errors} (error rate ${(summary.errorRate * 100).toFixed(3)} %; bound 0)`);
      console.log(`p50 ${summary.p50Ms.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${summary.maxMs.toFixed(1)} ms — p99 target < ${TARGET_P99_MS} ms — ratio ${summary.p99OverTargetRatio.toFixed(2)}× of target`);
      console.log(`RSS ${summary.rssStartMiB.toFixed(0)} MiB at start → ${summary.rssEndMiB.toFixed(0)} MiB at end: ${(rssGrowthFraction * 100).toFixed(1)} % growth — bound ${MAX_RSS_GROWTH_FRACTION * 100} % — ratio ${(rssGrowthFraction / MAX_RSS_GROWTH_FRACTION).toFixed(2)}× of bound`);
    }
    if (errors > 0 || rssGrowthFraction > MAX_RSS_GROWTH_FRACTION) process.exitCode = 1;
  } finally {
    service.child.kill('SIGTERM');
  }
}

await main();
