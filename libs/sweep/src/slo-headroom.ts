import type { ScenarioSpec } from '../../cost/src/index.js';

/**
 * How far inside its latency SLO a configuration sits: the smaller of the TPOT and TTFT margins,
 * each as a fraction of its target. 0.25 means the binding latency is 25 % under target;
 * a negative value means the target is missed. This is the "SLO attainment" a sweep ranks by:
 * the analytic model gives one latency per configuration, not a distribution, so attainment is
 * a margin rather than a fraction of requests.
 * Example: TPOT 0.04 s against 0.05 s (margin 0.2), TTFT 0.5 s against 2 s (0.75) → 0.2.
 */
export function sloHeadroomFraction(
  latency: { readonly tpotSeconds: number; readonly ttftSeconds: number },
  target: { readonly tpotSeconds: number; readonly ttftSeconds: number },
): number {
  for (const [field, value] of [
    ['latency.tpotSeconds', latency.tpotSeconds],
    ['latency.ttftSeconds', latency.ttftSeconds],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${field}: must be a finite non-negative number, got ${value}`);
  }
  for (const [field, value] of [
    ['target.tpotSeconds', target.tpotSeconds],
    ['target.ttftSeconds', target.ttftSeconds],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${field}: must be a finite positive number, got ${value}`);
  }
  return Math.min(1 - latency.tpotSeconds / target.tpotSeconds, 1 - latency.ttftSeconds / target.ttftSeconds);
}

/** A sweep ranks by SLO headroom, so its targets must be explicit in the base scenario. */
export function sweepSloTargets(base: ScenarioSpec): { tpotSeconds: number; ttftSeconds: number } {
  const tpotSeconds = base.slo?.tpotSeconds;
  const ttftSeconds = base.slo?.ttftSeconds;
  if (tpotSeconds === undefined) throw new RangeError('base.slo.tpotSeconds: a sweep ranks points by SLO headroom and needs an explicit target');
  if (ttftSeconds === undefined) throw new RangeError('base.slo.ttftSeconds: a sweep ranks points by SLO headroom and needs an explicit target');
  return { tpotSeconds, ttftSeconds };
}
