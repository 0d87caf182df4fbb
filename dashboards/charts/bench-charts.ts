import type { SweepRow } from '../../simulator/src/harness/index.js';
import { axis, baseOptions, colour } from './style.js';
import type { ChartDataset, ChartSpec } from './types.js';

const MS = 1000;

/**
 * An engine sweep: step time against tokens in the step, log–log, one series per phase, weight
 * format and experts × top-k. Flat then rising is the roofline's memory-bound then compute-bound
 * regions.
 */
export function benchStepTimesChart(rows: readonly SweepRow[], title = 'Engine sweep'): ChartSpec {
  const key = (r: SweepRow) => `${r.measurement.phase} ${r.measurement.weightFormat} E${r.measurement.expertCount}k${r.measurement.topK}`;
  const series = [...new Set(rows.map(key))];
  const datasets: ChartDataset[] = series.map((name, i) => ({
    label: `${name} (step ms)`,
    type: 'line',
    data: rows.filter((r) => key(r) === name).map((r) => ({ x: r.measurement.tokensInStep, y: r.measurement.stepSeconds * MS })),
    borderColor: colour(i),
    backgroundColor: colour(i),
    pointRadius: 4,
    showLine: true,
    fill: false,
  }));
  return {
    id: 'step-times',
    title: 'Step time vs tokens per step',
    config: {
      type: 'scatter',
      data: { datasets },
      options: {
        ...baseOptions(`${title}: step time vs tokens per step`, 'Median of the timed repeats. Decode: one token per sequence, so tokens = batch size; prefill: one chunk.'),
        scales: { x: axis('tokens per step', { type: 'logarithmic' }), y: axis('step time (ms)', { type: 'logarithmic' }) },
      },
    },
    table: {
      columns: ['phase', 'weightFormat', 'expertCount', 'topK', 'batchSequences', 'tokensInStep', 'contextTokens', 'stepSeconds', 'tokensPerSecond', 'flopsPerStep', 'bytesPerStep', 'bandwidthFraction', 'peakFraction', 'bound'],
      rows: rows.map((r) => {
        const m = r.measurement;
        return [m.phase, m.weightFormat, m.expertCount, m.topK, m.batchSequences, m.tokensInStep, m.contextTokens, m.stepSeconds, r.tokensPerSecond, m.flopsPerStep, m.bytesPerStep, r.bandwidthFraction, r.peakFraction, r.bound];
      }),
    },
  };
}
