/**
 * Freezes an object graph so catalog presets cannot be mutated after creation (house style 3).
 * Returns the same object, typed as readonly all the way down.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
