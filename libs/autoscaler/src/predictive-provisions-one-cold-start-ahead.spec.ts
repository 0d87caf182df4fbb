import { planAutoscaling } from './plan.js';
import { outputDemand, toyInput } from './testing/toy-capacity.js';

/*
 * Four 6-hour intervals that repeat daily (seasonal naive = the same interval yesterday = the same
 * interval here), output 100, 100, 400, 100 tokens/s; 100 tokens/s per replica, target 1.0 →
 * 1, 1, 4, 1 replicas. Cold start 300 s: interval 2's four replicas are launched at
 * 43 200 − 300 = 42 900 s, ready when it starts; they stay until it ends (64 800 s).
 */
describe('predictive scaling launches replicas one cold start before the interval that needs them', () => {
  const demand = outputDemand(21_600, [100, 100, 400, 100], true);

  it('steps up at 42 900 s and down at 64 800 s', () => {
    const [plan] = planAutoscaling(toyInput(demand, { targetUtilizationFraction: 1 }), ['predictive']);
    expect(plan!.steps).toEqual([
      { atSeconds: 0, replicas: 1 },
      { atSeconds: 42_900, replicas: 4 },
      { atSeconds: 64_800, replicas: 1 },
    ]);
    // Interval 1 pays 300 s of the 4 loading replicas: (21 300 × 1 + 300 × 4) / 21 600 = 1.041 67.
    expect(plan!.intervals[1]!.meanReplicas).toBeCloseTo(22_500 / 21_600, 9);
    expect(plan!.intervals[1]!.notes.decodeReplicas).toBe(1);
  });

  it("Dynamo's decode correction 1.5 (actual ITL 1.5 × expected) sizes 400 × 1.5 / 100 = 6 and 100 × 1.5 / 100 → 2", async () => {
    const { predictivePolicy } = await import('./policies/index.js');
    const decision = predictivePolicy({ decodeCorrection: 1.5 }).decide(toyInput(demand, { targetUtilizationFraction: 1 }));
    expect(decision.steps).toEqual([
      { atSeconds: 0, replicas: 2 },
      { atSeconds: 42_900, replicas: 6 },
      { atSeconds: 64_800, replicas: 2 },
    ]);
  });

  it('a trace (no yesterday) forecasts by trend: 2 × last − the one before', async () => {
    const { forecastInterval } = await import('./policies/index.js');
    const trace = outputDemand(60, [100, 200, 250], false);
    expect(forecastInterval(trace, 2, 'trend').outputTokensPerSecond).toBe(300);
  });
});
