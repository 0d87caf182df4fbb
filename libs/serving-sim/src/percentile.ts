/**
 * Nearest-rank percentile (the method is pinned, house rule 8): the smallest sample such that at
 * least p % of the samples are ≤ it, i.e. sorted[ceil(p / 100 × n) − 1], and sorted[0] for p = 0.
 * Always one of the samples, never interpolated, so a p99 of SLO latencies is a latency some
 * request saw.
 *
 * @example nearestRankPercentile([15, 20, 35, 40, 50], 40) === 20 (ceil(0.4 × 5) = 2nd value)
 * @throws RangeError when p is outside [0, 100] or `sortedAscending` is empty.
 */
export function nearestRankPercentile(sortedAscending: ArrayLike<number>, p: number): number {
  if (!Number.isFinite(p) || p < 0 || p > 100) throw new RangeError(`p: must be a number from 0 to 100, got ${String(p)}`);
  const n = sortedAscending.length;
  if (n === 0) throw new RangeError('samples: must not be empty');
  const rank = Math.ceil((p / 100) * n);
  return sortedAscending[rank === 0 ? 0 : rank - 1]!;
}

export interface LatencySummary {
  readonly count: number;
  readonly meanSeconds: number;
  readonly p50Seconds: number;
  readonly p90Seconds: number;
  readonly p99Seconds: number;
  readonly maxSeconds: number;
}

/**
 * Summary of latencies by the nearest-rank method; null when there are none, never NaN.
 * Reorders `samples` in place: the percentiles are found by selection (quickselect, O(n)), not by
 * a full sort, because a simulated day holds millions of requests per class.
 */
export function summarizeLatencies(samples: Float64Array): LatencySummary | null {
  const n = samples.length;
  if (n === 0) return null;
  let sum = 0;
  let max = samples[0]!;
  for (let i = 0; i < n; i++) {
    const v = samples[i]!;
    sum += v;
    if (v > max) max = v;
  }
  const rank = (p: number): number => Math.max(0, Math.ceil((p / 100) * n) - 1);
  const k50 = rank(50);
  const k90 = rank(90);
  const k99 = rank(99);
  // Each selection partitions the array, so the next, higher rank only searches to the right.
  const p50 = selectKth(samples, 0, n - 1, k50);
  const p90 = selectKth(samples, k50, n - 1, k90);
  const p99 = selectKth(samples, k90, n - 1, k99);
  return { count: n, meanSeconds: sum / n, p50Seconds: p50, p90Seconds: p90, p99Seconds: p99, maxSeconds: max };
}

/**
 * Moves the k-th smallest of a[lo..hi] to index k (Hoare partition, median-of-three pivot), with
 * everything before it ≤ and everything after it ≥; returns it.
 */
export function selectKth(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // Median of three as pivot guards against sorted input.
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** Growable float64 buffer: latencies of millions of requests without an array of boxed numbers. */
export class SampleBuffer {
  private data = new Float64Array(256);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** A view of the samples (no copy); the buffer must not grow while it is used. */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
