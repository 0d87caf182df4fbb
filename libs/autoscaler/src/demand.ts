import type { SimRequest } from '../../serving-sim/src/index.js';
import { demandProfile, type WorkloadSpec } from '../../workload/src/index.js';
import type { DemandInterval, DemandSeries, ReplicaCapacity } from './types.js';

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;

/**
 * A day of demand from DAU × tokens per user × the diurnal profile (libs/workload), cut into
 * intervals. An interval inside an hour carries that hour's rates; a multi-hour interval their mean.
 *
 * @throws RangeError when intervalSeconds neither divides an hour nor is a whole number of hours dividing a day.
 */
export function demandFromWorkload(workload: WorkloadSpec, intervalSeconds: number): DemandSeries {
  const withinHour = Number.isInteger(intervalSeconds) && intervalSeconds > 0 && SECONDS_PER_HOUR % intervalSeconds === 0;
  const wholeHours = Number.isInteger(intervalSeconds) && intervalSeconds % SECONDS_PER_HOUR === 0 && SECONDS_PER_DAY % intervalSeconds === 0;
  if (!withinHour && !wholeHours) {
    throw new RangeError(`intervalSeconds: must divide 3600 or be whole hours dividing a day, got ${String(intervalSeconds)}`);
  }
  const hourly = demandProfile(workload).hourly;
  const intervals: DemandInterval[] = [];
  for (let start = 0; start < SECONDS_PER_DAY; start += intervalSeconds) {
    const first = Math.floor(start / SECONDS_PER_HOUR);
    const hours = Math.max(1, intervalSeconds / SECONDS_PER_HOUR);
    let rps = 0;
    let prefill = 0;
    let output = 0;
    for (let h = first; h < first + hours; h++) {
      rps += hourly[h]!.requestsPerSecond / hours;
      prefill += hourly[h]!.prefillTokensPerSecond / hours;
      output += hourly[h]!.outputTokensPerSecond / hours;
    }
    intervals.push({ startSeconds: start, requestsPerSecond: rps, prefillTokensPerSecond: prefill, outputTokensPerSecond: output });
  }
  return { intervalSeconds, intervals, repeatsDaily: true };
}

/**
 * Demand of a trace (or any request list): arrivals binned per interval, tokens summed. The
 * horizon ends with the interval of the last arrival.
 *
 * @throws RangeError when intervalSeconds is not positive or there are no requests.
 */
export function demandFromRequests(requests: Iterable<SimRequest>, intervalSeconds: number): DemandSeries {
  if (!Number.isFinite(intervalSeconds) || intervalSeconds <= 0) throw new RangeError(`intervalSeconds: must be a finite number > 0, got ${String(intervalSeconds)}`);
  const counts: number[] = [];
  const prefill: number[] = [];
  const output: number[] = [];
  for (const r of requests) {
    const i = Math.floor(r.arrivalSeconds / intervalSeconds);
    while (counts.length <= i) {
      counts.push(0);
      prefill.push(0);
      output.push(0);
    }
    counts[i]!++;
    prefill[i]! += Math.max(1, r.promptTokens - r.cachedPrefixTokens);
    output[i]! += r.outputTokens;
  }
  if (counts.length === 0) throw new RangeError('requests: must not be empty');
  return {
    intervalSeconds,
    repeatsDaily: false,
    intervals: counts.map((n, i) => ({
      startSeconds: i * intervalSeconds,
      requestsPerSecond: n / intervalSeconds,
      prefillTokensPerSecond: prefill[i]! / intervalSeconds,
      outputTokensPerSecond: output[i]! / intervalSeconds,
    })),
  };
}

/**
 * Replicas' worth of busy time a demand needs: a replica at its SLO throughput spends prefill
 * tokens / prefill rate plus output tokens / decode rate of each second working (the two phases
 * share its steps), so 1.0 = one replica fully busy.
 */
export function replicaLoad(d: Pick<DemandInterval, 'prefillTokensPerSecond' | 'outputTokensPerSecond'>, capacity: ReplicaCapacity): number {
  return d.prefillTokensPerSecond / capacity.prefillTokensPerSecond + d.outputTokensPerSecond / capacity.decodeTokensPerSecond;
}

export function horizonSeconds(demand: DemandSeries): number {
  return demand.intervals.length * demand.intervalSeconds;
}

/** The interval holding time t (the last one at or past the horizon). */
export function intervalAt(demand: DemandSeries, t: number): DemandInterval {
  const i = Math.min(demand.intervals.length - 1, Math.max(0, Math.floor(t / demand.intervalSeconds)));
  return demand.intervals[i]!;
}
