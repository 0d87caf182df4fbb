import type { ScalingBounds } from './types.js';

/** The fleet never goes below the reserved baseline or minReplicas, nor above maxReplicas. */
export function clampReplicas(replicas: number, bounds: ScalingBounds): number {
  return Math.min(bounds.maxReplicas, Math.max(bounds.minReplicas, bounds.reservedReplicas, replicas));
}

export function validateBounds(bounds: ScalingBounds): void {
  const { minReplicas, maxReplicas, reservedReplicas } = bounds;
  const integer = (v: number, field: string, min: number) => {
    if (!Number.isSafeInteger(v) || v < min) throw new RangeError(`bounds.${field}: must be an integer ≥ ${min}, got ${String(v)}`);
  };
  integer(minReplicas, 'minReplicas', 0);
  integer(maxReplicas, 'maxReplicas', 1);
  integer(reservedReplicas, 'reservedReplicas', 0);
  if (minReplicas > maxReplicas) throw new RangeError(`bounds.minReplicas: must not exceed maxReplicas (${maxReplicas}), got ${minReplicas}`);
  if (reservedReplicas > maxReplicas) throw new RangeError(`bounds.reservedReplicas: must not exceed maxReplicas (${maxReplicas}), got ${reservedReplicas}`);
}
