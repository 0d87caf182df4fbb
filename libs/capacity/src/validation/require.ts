/**
 * Input guards shared by the public functions. Each throws a RangeError whose message names the
 * field and the reason, which the API layer maps to HTTP 400 (shared rules).
 */

export function requirePositiveInteger(value: number, field: string): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${field}: must be a positive integer, got ${value}`);
  }
}

export function requireNonNegativeInteger(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${field}: must be a non-negative integer, got ${value}`);
  }
}

export function requirePositiveFinite(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${field}: must be a positive finite number, got ${value}`);
  }
}

export function requireNonNegativeFinite(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${field}: must be a non-negative finite number, got ${value}`);
  }
}

/** A fraction in (0, 1]: zero would make a rate or a capacity vanish. */
export function requireOpenClosedFraction(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
    throw new RangeError(`${field}: must be a fraction in (0, 1], got ${value}`);
  }
}

/** A fraction in [0, 1]. */
export function requireClosedFraction(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`${field}: must be a fraction in [0, 1], got ${value}`);
  }
}
