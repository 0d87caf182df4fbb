import { standardNormalSource, type RandomSource } from '../../cost/src/index.js';
import type { RequestSizeDistribution, TraceRecord } from '../../workload/src/index.js';
import type { SimRequest } from './types.js';

/** Draws request sizes (prompt, output, cached prefix tokens). */
export interface RequestSizeSampler {
  sample(): { readonly promptTokens: number; readonly outputTokens: number; readonly cachedPrefixTokens: number };
}

/**
 * Lognormal prompt and output sizes with the distribution's means and CVs (σ² = ln(1 + CV²),
 * μ = ln(mean) − σ²/2), rounded to whole tokens ≥ 1; a fixed fraction of each prompt is cached.
 *
 * @throws RangeError naming the field when a mean is not positive, a CV negative, or the hit fraction outside [0, 1].
 */
export function lognormalRequestSizes(
  sizes: RequestSizeDistribution,
  prefixCacheHitFraction: number,
  random: RandomSource,
): RequestSizeSampler {
  const check = (value: number, field: string, min: number, strict: boolean): void => {
    if (!Number.isFinite(value) || value < min || (strict && value === min)) {
      throw new RangeError(`${field}: must be a finite number ${strict ? '>' : '≥'} ${min}, got ${String(value)}`);
    }
  };
  check(sizes.meanPromptTokens, 'meanPromptTokens', 0, true);
  check(sizes.meanOutputTokens, 'meanOutputTokens', 0, true);
  check(sizes.promptTokensCv, 'promptTokensCv', 0, false);
  check(sizes.outputTokensCv, 'outputTokensCv', 0, false);
  if (!(prefixCacheHitFraction >= 0 && prefixCacheHitFraction <= 1)) {
    throw new RangeError(`prefixCacheHitFraction: must be from 0 to 1, got ${String(prefixCacheHitFraction)}`);
  }
  const normal = standardNormalSource(random);
  const params = (mean: number, cv: number): [number, number] => {
    const sigma = Math.sqrt(Math.log(1 + cv * cv));
    return [Math.log(mean) - (sigma * sigma) / 2, sigma];
  };
  const [promptMu, promptSigma] = params(sizes.meanPromptTokens, sizes.promptTokensCv);
  const [outputMu, outputSigma] = params(sizes.meanOutputTokens, sizes.outputTokensCv);
  return {
    sample() {
      const promptTokens = Math.max(1, Math.round(Math.exp(promptMu + promptSigma * normal())));
      const outputTokens = Math.max(1, Math.round(Math.exp(outputMu + outputSigma * normal())));
      return { promptTokens, outputTokens, cachedPrefixTokens: Math.floor(promptTokens * prefixCacheHitFraction) };
    },
  };
}

/** Every request the same size (queueing tests, hand-checked cases). */
export function fixedRequestSizes(promptTokens: number, outputTokens: number, cachedPrefixTokens = 0): RequestSizeSampler {
  const size = Object.freeze({ promptTokens, outputTokens, cachedPrefixTokens });
  return { sample: () => size };
}

export interface PoissonArrivalsSpec {
  /** Arrival rate at time t (requests per second, ≥ 0, ≤ maxRequestsPerSecond). */
  readonly requestsPerSecondAt: (timeSeconds: number) => number;
  /** Upper bound of the rate over the horizon (the thinning envelope). */
  readonly maxRequestsPerSecond: number;
  readonly durationSeconds: number;
  readonly sizes: RequestSizeSampler;
  /** Relative weight of each priority class (index = classIndex); default all class 0. */
  readonly classWeights?: readonly number[];
  readonly random: RandomSource;
}

/**
 * Non-homogeneous Poisson arrivals by thinning (Lewis & Shedler 1979): candidates at the envelope
 * rate, each kept with probability rate(t) / envelope. Lazy, so a day of arrivals is never held in
 * memory. With a constant rate it is a plain Poisson process.
 *
 * @throws RangeError when the envelope or horizon is not positive, or a rate leaves [0, envelope].
 */
export function* poissonArrivals(spec: PoissonArrivalsSpec): Generator<SimRequest> {
  const { maxRequestsPerSecond: envelope, durationSeconds, random } = spec;
  if (!Number.isFinite(envelope) || envelope <= 0) throw new RangeError(`maxRequestsPerSecond: must be a finite number > 0, got ${String(envelope)}`);
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) throw new RangeError(`durationSeconds: must be a finite number > 0, got ${String(durationSeconds)}`);
  const weights = spec.classWeights ?? [1];
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  if (weights.some((w) => !Number.isFinite(w) || w < 0) || !(totalWeight > 0)) {
    throw new RangeError('classWeights: must be finite, non-negative and not all 0');
  }
  let t = 0;
  for (;;) {
    t += -Math.log(1 - random()) / envelope;
    if (t >= durationSeconds) return;
    const rate = spec.requestsPerSecondAt(t);
    if (!Number.isFinite(rate) || rate < 0 || rate > envelope * (1 + 1e-12)) {
      throw new RangeError(`requestsPerSecondAt: must return a number from 0 to maxRequestsPerSecond (${envelope}), got ${String(rate)} at ${t} s`);
    }
    if (rate < envelope && random() * envelope >= rate) continue;
    let classIndex = 0;
    if (weights.length > 1) {
      let u = random() * totalWeight;
      while (classIndex < weights.length - 1 && u >= weights[classIndex]!) u -= weights[classIndex++]!;
    }
    const size = spec.sizes.sample();
    yield { arrivalSeconds: t, promptTokens: size.promptTokens, outputTokens: size.outputTokens, cachedPrefixTokens: size.cachedPrefixTokens, classIndex };
  }
}

/**
 * Trace records as simulator requests. Empty prompts become 1 token and 0-token outputs (failed
 * requests in BurstGPT) 1 token: every simulated request runs one prefill step and yields a token.
 */
export function* traceRequests(
  records: Iterable<TraceRecord>,
  classOf: (record: TraceRecord) => number = () => 0,
): Generator<SimRequest> {
  for (const record of records) {
    const promptTokens = Math.max(1, record.promptTokens);
    yield {
      arrivalSeconds: record.arrivalSeconds,
      promptTokens,
      outputTokens: Math.max(1, record.outputTokens),
      cachedPrefixTokens: Math.min(record.cachedPrefixTokens, promptTokens),
      classIndex: classOf(record),
      ...(record.prefixBlockIds !== undefined ? { prefixBlockIds: record.prefixBlockIds } : {}),
    };
  }
}

/** Piecewise-constant rate of 24 hourly values (requests per second), repeating daily. */
export function hourlyRate(requestsPerSecondByHour: readonly number[]): (timeSeconds: number) => number {
  if (requestsPerSecondByHour.length !== 24) throw new RangeError(`requestsPerSecondByHour: must have 24 values, got ${requestsPerSecondByHour.length}`);
  return (t) => requestsPerSecondByHour[Math.floor(t / 3600) % 24]!;
}
