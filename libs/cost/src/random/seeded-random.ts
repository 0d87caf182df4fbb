/** A source of uniform numbers in [0, 1), as simple-statistics' `randomSource` takes it. */
export type RandomSource = () => number;

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit-state generator, fast and fully
 * reproducible from its seed. Libs take randomness as an input (house rule 7), never Math.random.
 *
 * @throws RangeError when seed is not an integer in [0, 2^32 − 1].
 * @example mulberry32(1)() is the same number on every run and every machine.
 */
export function mulberry32(seed: number): RandomSource {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed: must be an integer from 0 to 4294967295, got ${String(seed)}`);
  }
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal draws from a uniform source by the Box–Muller transform; both values of each
 * pair are used, so two calls consume two uniforms. Reproducible: the same source gives the same
 * sequence.
 */
export function standardNormalSource(random: RandomSource): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // 1 − u is in (0, 1], so the logarithm is finite.
    const u1 = 1 - random();
    const u2 = random();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };
}

/**
 * Log-space location μ of a lognormal with the given arithmetic mean and log-space σ:
 * mean = exp(μ + σ²/2) ⇒ μ = ln(mean) − σ²/2. Heavy tails pull the mean above the median exp(μ).
 *
 * @throws RangeError naming the field when mean ≤ 0 or sigma < 0.
 */
export function lognormalMuForMean(mean: number, sigma: number): number {
  if (!Number.isFinite(mean) || mean <= 0) throw new RangeError(`mean: must be a finite number > 0, got ${String(mean)}`);
  if (!Number.isFinite(sigma) || sigma < 0) throw new RangeError(`sigma: must be a finite number ≥ 0, got ${String(sigma)}`);
  return Math.log(mean) - (sigma * sigma) / 2;
}
