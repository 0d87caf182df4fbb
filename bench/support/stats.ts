import { median as ssMedian } from 'simple-statistics';

/** Median of a non-empty sample (simple-statistics, pinned version). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('values: need at least one sample');
  return ssMedian([...values]);
}
