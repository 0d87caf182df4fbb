import { KPA_DEFAULTS } from './defaults.js';
import { kpaSteps } from './policies/index.js';

/*
 * Concurrency 10 until 100 s, 50 from 100 s to 140 s, 10 again after; target 10 per replica;
 * 1 replica; cold start 30 s; ticks every 2 s, sampled at the tick.
 * 100 s: panic window (94, 100] = {10, 10, 50} → mean 23.3 → 2.33 replicas' worth / 1 ready ≥ 2
 *        → panic; desired ceil(2.33) = 3. (The stable window alone: (29×10 + 50)/30 = 11.3 → 2.)
 * 102 s: {10, 50, 50} → 36.7 → 4;  104 s: {50, 50, 50} → 5.
 * Until 128 s only the first replica is ready (new ones at 130, 130, 132, 134 s): 50/10/1 ≥ 2 keeps
 * extending panic; at 130 s three are ready, 5/3 < 2. Panic ends 60 s after the last crossing:
 * 128 + 60 = 188 s. Meanwhile concurrency falls back to 10 at 140 s, yet the fleet stays 5 (no
 * scale-down in panic). At 188 s: stable (128, 188] = 5 × 50 + 25 × 10 = 500 / 30 = 16.7 → 2,
 * max-scale-down-rate 2 allows floor(5 / 2) = 2 → 2. At 198 s the stable window (138, 198] holds
 * only 10s → 1 (floor(2 / 2) = 1 allows it).
 */
describe('KPA: 6 s panic window on a 5× step, 60 s stable window, no scale-down in panic', () => {
  const concurrency = (t: number) => (t >= 100 && t < 140 ? 50 : 10);
  const steps = kpaSteps(concurrency, 200, 1, 10, 30, KPA_DEFAULTS, { minReplicas: 1, maxReplicas: 100, reservedReplicas: 0 });

  it('panics at the step and grows every tick, holds 5 while in panic, then steps down by the stable window', () => {
    expect(steps).toEqual([
      { atSeconds: 0, replicas: 1 },
      { atSeconds: 100, replicas: 3 },
      { atSeconds: 102, replicas: 4 },
      { atSeconds: 104, replicas: 5 },
      { atSeconds: 188, replicas: 2 },
      { atSeconds: 198, replicas: 1 },
    ]);
  });

  it('with a 6 s panic window disabled (threshold unreachable) the same step grows only with the 60 s mean', () => {
    const calm = kpaSteps(concurrency, 140, 1, 10, 30, { ...KPA_DEFAULTS, panicThreshold: 1e9 }, { minReplicas: 1, maxReplicas: 100, reservedReplicas: 0 });
    // 100 s: stable (40, 100] = (29 × 10 + 50) / 30 = 11.3 → 2; 130 s: (14 × 10 + 16 × 50) / 30 = 31.3 → 4.
    expect(calm[1]).toEqual({ atSeconds: 100, replicas: 2 });
    expect(calm.find((s) => s.atSeconds === 130)?.replicas ?? calm.filter((s) => s.atSeconds < 130).pop()!.replicas).toBe(4);
  });
});
