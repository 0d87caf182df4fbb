import type { CalibrationFit } from '../../libs/calibration/src/index.js';
import { axis, baseOptions, colour } from './style.js';
import type { ChartSpec } from './types.js';

type Fit = Pick<CalibrationFit, 'coefficients' | 'rSquared' | 'residuals' | 'heldOut' | 'points' | 'medianAbsoluteRelativeError'>;

const MS = 1000;
const pct = (fraction: number, digits = 1) => `${(fraction * 100).toFixed(digits)} %`;

/** "R² 0.998, held-out median error 1.2 %, η_compute 0.50, η_memory 0.70, overhead 1.00 ms": the fit in one line. */
export function fitSummary(fit: Fit): string {
  const c = fit.coefficients;
  return [
    `R² ${fit.rSquared === null ? 'n/a' : fit.rSquared.toFixed(4)}`,
    `median |error| ${pct(fit.medianAbsoluteRelativeError)}`,
    `held-out median |error| ${pct(fit.heldOut.medianAbsoluteRelativeError)} (${fit.heldOut.heldOutPoints} points)`,
    `η_compute ${c.computeEfficiencyFraction.toFixed(3)}${c.computeIdentified ? '' : ' (not identified)'}`,
    `η_memory ${c.memoryEfficiencyFraction.toFixed(3)}${c.memoryIdentified ? '' : ' (not identified)'}`,
    `overhead ${(c.stepOverheadSeconds * MS).toFixed(3)} ms`,
  ].join(', ');
}

/**
 * Predicted against measured step time, log–log, one series per binding bound and the held-out
 * points apart, with the identity line y = x: a perfect model puts every point on it.
 */
export function calibrationScatterChart(fit: Fit): ChartSpec {
  const groups = [
    { label: 'memory-bound, fitted', keep: (r: Fit['residuals'][number]) => r.bound === 'memory' && !r.heldOut, style: 'circle' },
    { label: 'compute-bound, fitted', keep: (r: Fit['residuals'][number]) => r.bound === 'compute' && !r.heldOut, style: 'rect' },
    { label: 'held out (not fitted)', keep: (r: Fit['residuals'][number]) => r.heldOut, style: 'triangle' },
  ];
  const all = fit.residuals.flatMap((r) => [r.measuredSeconds * MS, r.predictedSeconds * MS]).filter((v) => v > 0);
  const lo = all.length ? Math.min(...all) : 0.001;
  const hi = all.length ? Math.max(...all) : 1;
  return {
    id: 'measured-vs-predicted',
    title: 'Measured vs predicted step time',
    config: {
      type: 'scatter',
      data: {
        datasets: [
          ...groups.map((g, i) => ({
            label: g.label,
            data: fit.residuals.filter(g.keep).map((r) => ({ x: r.measuredSeconds * MS, y: r.predictedSeconds * MS })),
            pointStyle: g.style,
            pointRadius: 5,
            borderColor: colour(i),
            backgroundColor: colour(i),
          })),
          { label: 'identity (predicted = measured)', type: 'line', data: [{ x: lo, y: lo }, { x: hi, y: hi }], borderColor: '#000000', borderDash: [6, 4], pointRadius: 0, showLine: true, fill: false },
        ],
      },
      options: {
        ...baseOptions('Measured vs predicted step time (roofline with fitted coefficients)', fitSummary(fit)),
        scales: {
          x: axis('measured step time (ms)', { type: 'logarithmic' }),
          y: axis('predicted step time (ms)', { type: 'logarithmic' }),
        },
      },
    },
    table: {
      columns: ['index', 'phase', 'batchSequences', 'tokensInStep', 'contextTokens', 'weightFormat', 'measuredSeconds', 'predictedSeconds', 'bound', 'heldOut'],
      rows: fit.residuals.map((r) => [r.index, r.phase, r.batchSequences, r.tokensInStep, r.contextTokens, r.weightFormat, r.measuredSeconds, r.predictedSeconds, r.bound, r.heldOut ? 'yes' : 'no']),
    },
  };
}

/** Relative residual (measured − predicted) / measured of every point against its measured time. */
export function calibrationResidualsChart(fit: Fit): ChartSpec {
  const series = [
    { label: 'memory-bound', keep: (r: Fit['residuals'][number]) => r.bound === 'memory' && !r.heldOut },
    { label: 'compute-bound', keep: (r: Fit['residuals'][number]) => r.bound === 'compute' && !r.heldOut },
    { label: 'held out', keep: (r: Fit['residuals'][number]) => r.heldOut },
  ];
  return {
    id: 'residuals',
    title: 'Residuals',
    config: {
      type: 'scatter',
      data: {
        datasets: series.map((s, i) => ({
          label: s.label,
          data: fit.residuals.filter(s.keep).map((r) => ({ x: r.measuredSeconds * MS, y: r.relativeResidual * 100 })),
          pointRadius: 5,
          borderColor: colour(i),
          backgroundColor: colour(i),
        })),
      },
      options: {
        ...baseOptions('Residuals: (measured − predicted) / measured', `Positive: the step ran slower than the model predicts. ${fit.points} points.`),
        scales: {
          x: axis('measured step time (ms)', { type: 'logarithmic' }),
          y: axis('relative residual (%)', { suggestedMin: -5, suggestedMax: 5 }),
        },
      },
    },
    table: {
      columns: ['index', 'phase', 'bound', 'heldOut', 'measuredSeconds', 'predictedSeconds', 'residualSeconds', 'relativeResidual'],
      rows: fit.residuals.map((r) => [r.index, r.phase, r.bound, r.heldOut ? 'yes' : 'no', r.measuredSeconds, r.predictedSeconds, r.residualSeconds, r.relativeResidual]),
    },
  };
}
