import { DEFAULT_WORKLOAD } from './default-workload.js';
import { demandProfile, peakToMeanRatio } from './demand-profile.js';
import type { WorkloadSpec } from './types.js';

function withField(patch: Partial<WorkloadSpec>): WorkloadSpec {
  return { ...DEFAULT_WORKLOAD, ...patch };
}

describe('workload validation', () => {
  it.each([
    [{ dailyActiveUsers: 0 }, 'workload.dailyActiveUsers: must be a finite number > 0, got 0'],
    [{ dailyActiveUsers: Number.NaN }, 'workload.dailyActiveUsers: must be a finite number > 0, got NaN'],
    [{ tokensPerUserPerDay: -1 }, 'workload.tokensPerUserPerDay: must be a finite number > 0, got -1'],
    [{ tokensPerUserPerDay: Number.POSITIVE_INFINITY }, 'workload.tokensPerUserPerDay: must be a finite number > 0, got Infinity'],
    [{ prefixCacheHitFraction: 1.5 }, 'workload.prefixCacheHitFraction: must be a fraction in [0, 1], got 1.5'],
    [{ diurnalProfile: [1, 2] }, 'workload.diurnalProfile: must have exactly 24 hourly weights, got 2 weights'],
    [{ diurnalProfile: Array(24).fill(0) }, 'workload.diurnalProfile: needs at least one positive hourly weight, got all zero'],
    [{ diurnalProfile: [...Array(23).fill(1), -1] }, 'workload.diurnalProfile[23]: must be a finite number ≥ 0, got -1'],
    [
      { requestSizes: { ...DEFAULT_WORKLOAD.requestSizes, meanOutputTokens: 0 } },
      'workload.requestSizes.meanOutputTokens: must be a finite number > 0, got 0',
    ],
    [
      { requestSizes: { ...DEFAULT_WORKLOAD.requestSizes, promptTokensCv: -0.1 } },
      'workload.requestSizes.promptTokensCv: must be a finite number ≥ 0, got -0.1',
    ],
  ])('rejects %j with a RangeError naming the field', (patch, message) => {
    expect(() => demandProfile(withField(patch as Partial<WorkloadSpec>))).toThrow(new RangeError(message));
  });

  it('accepts the edge fractions 0 and 1 of prefix-cache hits', () => {
    expect(demandProfile(withField({ prefixCacheHitFraction: 1 })).mean.prefillTokensPerSecond).toBe(0);
    const none = demandProfile(withField({ prefixCacheHitFraction: 0 })).mean;
    expect(none.prefillTokensPerSecond).toBe(none.inputTokensPerSecond);
  });

  it('checks profiles given to peakToMeanRatio directly', () => {
    expect(() => peakToMeanRatio([])).toThrow(new RangeError('profile: must have exactly 24 hourly weights, got 0 weights'));
  });
});
