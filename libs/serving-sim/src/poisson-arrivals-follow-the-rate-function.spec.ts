import { mulberry32 } from '../../cost/src/index.js';
import { fixedRequestSizes, hourlyRate, poissonArrivals } from './workloads.js';

describe('Poisson arrivals follow the rate function (thinning)', () => {
  // Rate 2 /s for the first hour and 6 /s for the second: expected counts 7200 and 21 600,
  // standard deviations √7200 ≈ 85 and √21 600 ≈ 147; 5 σ bounds.
  const rates = Array.from({ length: 24 }, (_, h) => (h === 1 ? 6 : 2));
  const arrivals = [
    ...poissonArrivals({
      requestsPerSecondAt: hourlyRate(rates),
      maxRequestsPerSecond: 6,
      durationSeconds: 7200,
      sizes: fixedRequestSizes(100, 10),
      classWeights: [1, 3],
      random: mulberry32(21),
    }),
  ];
  const firstHour = arrivals.filter((a) => a.arrivalSeconds < 3600).length;
  const secondHour = arrivals.length - firstHour;

  it('counts 7200 ± 425 in hour 0 and 21 600 ± 735 in hour 1', () => {
    expect(Math.abs(firstHour - 7200)).toBeLessThan(425);
    expect(Math.abs(secondHour - 21_600)).toBeLessThan(735);
  });

  it('splits classes 1 : 3 (class 0 share 0.25 ± 5 σ = 0.013)', () => {
    const share = arrivals.filter((a) => a.classIndex === 0).length / arrivals.length;
    expect(Math.abs(share - 0.25)).toBeLessThan(0.013);
  });

  it('comes in time order within the horizon', () => {
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]!.arrivalSeconds).toBeGreaterThanOrEqual(arrivals[i - 1]!.arrivalSeconds);
    expect(arrivals[arrivals.length - 1]!.arrivalSeconds).toBeLessThan(7200);
  });

  it('rejects a rate above the envelope', () => {
    const tooHigh = poissonArrivals({
      requestsPerSecondAt: () => 7,
      maxRequestsPerSecond: 6,
      durationSeconds: 10,
      sizes: fixedRequestSizes(1, 1),
      random: mulberry32(1),
    });
    expect(() => [...tooHigh]).toThrow(/^requestsPerSecondAt: must return a number from 0 to maxRequestsPerSecond \(6\), got 7/);
  });
});
