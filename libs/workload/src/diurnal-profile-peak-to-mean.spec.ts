import { DEFAULT_DIURNAL_PROFILE, defaultDiurnalProfile } from './diurnal-profile.js';
import { demandProfile, peakToMeanRatio } from './demand-profile.js';
import { DEFAULT_WORKLOAD } from './default-workload.js';

describe('diurnal profile peak-to-mean ratio', () => {
  it('is 1 for a flat day', () => {
    expect(peakToMeanRatio(Array(24).fill(3))).toBe(1);
  });

  it('is 2 / (25 / 24) = 1.92 for one hour at weight 2 and 23 at weight 1', () => {
    const profile = [...Array(7).fill(1), 2, ...Array(16).fill(1)];
    expect(peakToMeanRatio(profile)).toBeCloseTo(1.92, 12);
    const demand = demandProfile({ ...DEFAULT_WORKLOAD, diurnalProfile: profile });
    expect(demand.peakHour).toBe(7);
    expect(demand.peakToMeanRatio).toBeCloseTo(1.92, 12);
    // The peak hour carries 2 / 25 of the day: 1e11 × 2 / 25 / 3600 tokens/s.
    expect(demand.peakTokensPerSecond).toBeCloseTo((1e11 * 2) / 25 / 3600, 3);
  });

  it('is scale-free: doubling every weight changes nothing', () => {
    const doubled = DEFAULT_DIURNAL_PROFILE.map((w) => 2 * w);
    expect(peakToMeanRatio(doubled)).toBeCloseTo(peakToMeanRatio(DEFAULT_DIURNAL_PROFILE), 12);
  });

  describe('default profile of a Chinese consumer + B2B chat product', () => {
    const profile = defaultDiurnalProfile();

    // Σ = (0.55+0.35+0.22+0.15+0.12+0.12+0.2+0.4) + (0.75+1.15+1.4+1.4+1.1+1.05+1.25+1.3+1.25+1.05+0.95+1.15+1.4+1.5+1.25+0.9)
    //   = 2.11 + 18.85 = 20.96
    it('has 24 weights and a peak-to-mean ratio of 1.5 / (20.96 / 24) ≈ 1.718', () => {
      expect(profile).toHaveLength(24);
      expect(peakToMeanRatio(profile)).toBeCloseTo((1.5 * 24) / 20.96, 10);
      expect(peakToMeanRatio(profile)).toBeGreaterThanOrEqual(1.6);
      expect(peakToMeanRatio(profile)).toBeLessThanOrEqual(2.0);
    });

    it('is low from 2 to 7 am, peaks at 10-11 in the morning and 20-22 in the evening', () => {
      const max = Math.max(...profile);
      for (let hour = 2; hour <= 6; hour++) expect(profile[hour]!).toBeLessThan(0.25 * max);
      expect(profile[8]!).toBeGreaterThan(profile[7]!);
      expect(profile[10]!).toBeGreaterThan(profile[12]!);
      expect(profile[10]!).toBeGreaterThan(profile[8]!);
      expect(profile.indexOf(max)).toBeGreaterThanOrEqual(20);
      expect(profile.indexOf(max)).toBeLessThanOrEqual(22);
    });

    it('cannot be mutated', () => {
      expect(Object.isFrozen(profile)).toBe(true);
    });
  });
});
