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
