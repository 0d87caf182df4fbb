import { mulberry32 } from '../../cost/src/index.js';
import { simulate } from './simulate.js';
import type { SimulationConfig } from './types.js';
import { fixedRequestSizes, poissonArrivals } from './workloads.js';

/*
 * M/M/4 with λ = 3 /s, μ = 1 /s (offered load a = λ/μ = 3, ρ = a/c = 0.75): four replicas of
 * one server each (batch 1), exponential service, one shared FIFO queue.
 *
 * Erlang C by hand: a^c/c! × c/(c − a) = 81/24 × 4 = 13.5;
 *   Σ_{k<4} a^k/k! = 1 + 3 + 9/2 + 27/6 = 13;  C = 13.5 / (13 + 13.5) = 0.509434.
 * Mean wait Wq = C / (cμ − λ) = 0.509434 s; mean time in system W = Wq + 1/μ = 1.509434 s;
 * L = λW = 4.528 requests (Little).
 *
 * 200 000 simulated seconds (≈ 600 000 requests): over eight seeds the mean wait of such runs
 * scattered by ±2.5 % (standard deviation ≈ 1.2 %), so 5 % (the bound) is about 4 σ and
 * fails on a real error, not on noise. The seed below is not one of those eight.
 */
const c = 4;
const a = 3;
const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
const tail = (a ** c / factorial(c)) * (c / (c - a));
let head = 0;
for (let k = 0; k < c; k++) head += a ** k / factorial(k);
const erlangC = tail / (head + tail);
const meanWaitSeconds = erlangC / (c * 1 - 3);

const config: SimulationConfig = {
  classes: [{ name: 'all', slo: { ttftSeconds: 1000, tpotSeconds: 1000 }, overloadPolicy: 'queue' }],
  replica: { maxBatchSequences: 1, stepTokenBudget: 2, kvBlockTokens: 16, kvCapacityBlocks: null, coldStartSeconds: 0 },
  initialReplicas: c,
  serviceTime: { kind: 'exponential', meanSeconds: 1 },
  router: 'least-outstanding-tokens',
  seed: 7,
  sampleIntervalSeconds: 3600,
};

describe('M/M/4, λ = 3, μ = 1: the simulator reproduces Erlang C', () => {
  const result = simulate(
    config,
    poissonArrivals({
      requestsPerSecondAt: () => 3,
      maxRequestsPerSecond: 3,
      durationSeconds: 200_000,
      sizes: fixedRequestSizes(100, 10),
      random: mulberry32(11),
    }),
  );
  const all = result.classes[0]!;

  it('hand value of Erlang C is 13.5 / 26.5', () => {
    expect(erlangC).toBeCloseTo(13.5 / 26.5, 12);
  });

  it('serves about 600 000 requests and none is rejected', () => {
    // Poisson count 600 000 ± 775 (1 σ); ± 5 000 is over 6 σ.
    expect(all.arrived).toBeGreaterThan(595_000);
    expect(all.arrived).toBeLessThan(605_000);
    expect(all.completed).toBe(all.arrived);
  });

  it('waiting probability within 5 % of C = 0.5094', () => {
    expect(Math.abs(all.waitedFraction / erlangC - 1)).toBeLessThan(0.05);
  });

  it('mean wait within 5 % of Wq = C / (cμ − λ) = 0.5094 s', () => {
    expect(Math.abs(all.queueWait!.meanSeconds / meanWaitSeconds - 1)).toBeLessThan(0.05);
  });

  it('mean time in system within 5 % of 1.5094 s and L within 5 % of λW = 4.528', () => {
    expect(Math.abs(result.meanSojournSeconds / (meanWaitSeconds + 1) - 1)).toBeLessThan(0.05);
    expect(Math.abs(result.meanRequestsInSystem / (3 * (meanWaitSeconds + 1)) - 1)).toBeLessThan(0.05);
  });

  it("Little's law L = λW within 2 % on the simulated figures", () => {
    const lambdaW = result.completedPerSecond * result.meanSojournSeconds;
    expect(Math.abs(result.meanRequestsInSystem / lambdaW - 1)).toBeLessThan(0.02);
  });

  it('keeps the four servers ρ = 0.75 busy (within 2 %)', () => {
    expect(Math.abs(result.replicaBusyFraction / 0.75 - 1)).toBeLessThan(0.02);
  });
});
