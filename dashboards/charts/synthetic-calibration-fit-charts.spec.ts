import { calibrate } from '../../libs/calibration/src/index.js';
import { syntheticMeasurementSet } from '../../libs/calibration/src/testing/synthetic-measurements.js';
import { calibrationResidualsChart, calibrationScatterChart, fitSummary } from './calibration-charts.js';

/*
 * libs/calibration's hand-made set: 12 steps from η_compute 0.5, η_memory 0.7 and 1 ms overhead.
 * Held out: indices 3, 7, 11. Fitted memory-bound: 0, 1, 2, 8, 10; compute-bound: 4, 5, 6, 9
 * (the table in synthetic-measurements.ts). Step times run from 11 ms (index 0) to 1025 ms (index 7).
 */
const fit = calibrate(syntheticMeasurementSet());

describe('charts of the synthetic calibration fit', () => {
  it('splits the points by bound and held-out, with the identity line from 11 ms to 1025 ms', () => {
    const { config } = calibrationScatterChart(fit);
    const sizes = config.data.datasets.map((d) => [d.label, d.data.length]);
    expect(sizes).toEqual([
      ['memory-bound, fitted', 5],
      ['compute-bound, fitted', 4],
      ['held out (not fitted)', 3],
      ['identity (predicted = measured)', 2],
    ]);
    const identity = config.data.datasets[3]!.data as readonly { readonly x: number; readonly y: number }[];
    expect(identity[0]!.x).toBeCloseTo(11, 6);
    expect(identity[1]!.x).toBeCloseTo(1025, 6);
    const scales = config.options['scales'] as Record<string, { title: { text: string }; type: string }>;
    expect([scales['x']!.title.text, scales['y']!.title.text]).toEqual(['measured step time (ms)', 'predicted step time (ms)']);
    expect(scales['x']!.type).toBe('logarithmic');
  });

  it('summarises the fit as the coefficients it was made from, and plots residuals of about zero', () => {
    expect(fitSummary(fit)).toBe('R² 1.0000, median |error| 0.0 %, held-out median |error| 0.0 % (3 points), η_compute 0.500, η_memory 0.700, overhead 1.000 ms');
    const residuals = calibrationResidualsChart(fit);
    for (const d of residuals.config.data.datasets) for (const p of d.data as readonly { readonly y: number }[]) expect(Math.abs(p.y)).toBeLessThan(1e-9);
    expect(residuals.table.rows).toHaveLength(12);
  });
});
