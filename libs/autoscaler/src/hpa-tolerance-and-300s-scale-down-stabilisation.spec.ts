import { HPA_DEFAULTS } from './defaults.js';
import { hpaSteps } from './policies/index.js';

/*
 * Load in replicas' worth of busy time, target utilisation 0.5, 10 replicas at t = 0:
 *   t <  120: load 5.0 → metric 5/10 = 0.50, ratio 1.00 → 10 (settled)
 *   t <  300: load 5.4 → metric 0.54, ratio 1.08 ≤ 1 + 0.1 → tolerance, stays 10
 *   t <  600: load 6.0 → metric 0.60, ratio 1.20 → ceil(10 × 1.2) = 12 at the 300 s sync
 *   t ≥  600: load 3.0 → metric 3/12 = 0.25, ratio 0.5 → recommendation ceil(12 × 0.5) = 6, but
 *     scale-down takes the highest recommendation after now − 300 s: the last 12 was made at
 *     585 s, so it leaves the window at 585 + 300 = 885 s (a sync on the 15 s grid) → 6 at 885 s.
 */
describe('HPA: ±10 % tolerance and 300 s scale-down stabilisation, 15 s syncs', () => {
  const load = (t: number) => (t < 120 ? 5 : t < 300 ? 5.4 : t < 600 ? 6 : 3);
  const steps = hpaSteps(load, 1200, 10, { ...HPA_DEFAULTS, targetUtilizationFraction: 0.5 }, { minReplicas: 1, maxReplicas: 100, reservedReplicas: 0 });

  it('ignores an 8 % rise, scales up 20 % at once, and scales down only 285 s after the drop', () => {
    expect(steps).toEqual([
      { atSeconds: 0, replicas: 10 },
      { atSeconds: 300, replicas: 12 },
      { atSeconds: 885, replicas: 6 },
    ]);
  });

  it('a reserved baseline of 8 replicas floors the scale-down', () => {
    const floored = hpaSteps(load, 1200, 10, { ...HPA_DEFAULTS, targetUtilizationFraction: 0.5 }, { minReplicas: 1, maxReplicas: 100, reservedReplicas: 8 });
    expect(floored[floored.length - 1]).toEqual({ atSeconds: 885, replicas: 8 });
  });
});
