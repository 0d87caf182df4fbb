/**
 * Percentile of an ascending sorted sample by linear interpolation between order statistics
 * (Hyndman & Fan type 7, R's and NumPy's default): h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 * Pinned here rather than borrowed, so a dependency's change of method cannot move a forecast.
 *
 * @throws RangeError when the sample is empty or p is outside [0, 1].
 * @example [1, 2, 3, 4, 5]: P10 = 1.4, P50 = 3, P90 = 4.6.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('sample: must not be empty');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p: must be in [0, 1], got ${String(p)}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Moves the k-th smallest of values[left..right] to index k, smaller ones before it, larger after (Hoare's selection, median-of-three pivot). */
function selectInPlace(values: Float64Array, k: number, left: number, right: number): void {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot keeps sorted and reversed input linear.
    let a = values[lo]!;
    let b = values[mid]!;
    let c = values[hi]!;
    if (a > b) [a, b] = [b, a];
    if (b > c) [b, c] = [c, b];
    if (a > b) [a, b] = [b, a];
    const pivot = b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * The same percentiles as percentileSorted (type 7), without sorting: each needs only the order
 * statistics ⌊h⌋ and ⌊h⌋ + 1, found by selection in O(n) instead of O(n log n). For the Monte Carlo
 * bands (7 figures × 36 months × N samples) the sort was half the run time. Reorders `values`.
 * `ps` must be ascending.
 *
 * @throws RangeError when the sample is empty or a p is outside [0, 1] or out of order.
 * @example [5, 1, 4, 2, 3] with [0.1, 0.5, 0.9] → [1.4, 3, 4.6], as percentileSorted on [1, 2, 3, 4, 5].
 */
export function percentilesBySelection(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) throw new RangeError('sample: must not be empty');
  let from = 0;
  let previous = 0;
  return ps.map((p) => {
    if (!(p >= 0 && p <= 1) || p < previous) throw new RangeError(`p: must be in [0, 1] and ascending, got ${String(p)}`);
    previous = p;
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    selectInPlace(values, lo, from, n - 1);
    from = lo;
    const low = values[lo]!;
    if (lo + 1 >= n) return low;
    // Everything right of lo is ≥ values[lo]; the next order statistic is the least of them.
    let next = values[lo + 1]!;
    for (let i = lo + 2; i < n; i++) if (values[i]! < next) next = values[i]!;
    return low + (h - lo) * (next - low);
  });
}
