import { lognormalMuForMean, mulberry32, standardNormalSource } from './seeded-random.js';

describe('mulberry32 seeded generator', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 100 }, () => a());
    const seqB = Array.from({ length: 100 }, () => b());
    const seqC = Array.from({ length: 100 }, () => c());
    expect(seqB).toEqual(seqA);
    expect(seqC).not.toEqual(seqA);
  });

  it('stays in [0, 1) and has mean ≈ 1/2 and variance ≈ 1/12 over 100 000 draws', () => {
    const random = mulberry32(7);
    let sum = 0;
    let sumSquares = 0;
    let outside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = random();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSquares += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    // Standard error of the mean of U(0,1) at n = 1e5: sqrt(1/12 / 1e5) ≈ 0.0009; 0.005 is > 5 SE.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sumSquares / n - mean * mean - 1 / 12)).toBeLessThan(0.003);
  });

  it('refuses a seed that is not a 32-bit unsigned integer, naming the field', () => {
    expect(() => mulberry32(-1)).toThrow(/^seed: /);
    expect(() => mulberry32(1.5)).toThrow(RangeError);
  });
});

describe('standard normal and lognormal draws', () => {
  it('normal draws have mean ≈ 0 and standard deviation ≈ 1', () => {
    const normal = standardNormalSource(mulberry32(3));
    const n = 100_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const z = normal();
      sum += z;
      sumSquares += z * z;
    }
    // SE of the mean 1/sqrt(1e5) ≈ 0.0032; 0.015 ≈ 5 SE.
    expect(Math.abs(sum / n)).toBeLessThan(0.015);
    expect(Math.abs(Math.sqrt(sumSquares / n) - 1)).toBeLessThan(0.01);
  });

  it('a lognormal with mean 100 000 and σ = 0.5 has μ = ln(100 000) − 0.125 and its sample mean is within 1 % at N = 100 000', () => {
    const sigma = 0.5;
    const mu = lognormalMuForMean(100_000, sigma);
    expect(mu).toBeCloseTo(Math.log(100_000) - 0.125, 12);
    const normal = standardNormalSource(mulberry32(2024));
    const n = 100_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.exp(mu + sigma * normal());
    // Relative SE = sqrt(e^{σ²} − 1)/sqrt(n) = 0.533 / 316 ≈ 0.17 %; 1 % is ≈ 6 SE (the bound).
    expect(Math.abs(sum / n / 100_000 - 1)).toBeLessThan(0.01);
  });
});
