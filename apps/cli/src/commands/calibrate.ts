import { calibrate, validateMeasurementSet, type CalibrationFit, type MeasurementSet } from '../../../../libs/calibration/src/index.js';
import { calibrationResidualsChart, calibrationScatterChart, tableToCsv, type ChartSpec } from '../../../../dashboards/charts/index.js';

export const CALIBRATION_CHARTS = ['measured-vs-predicted', 'residuals'] as const;

export interface CalibrationRun {
  readonly set: MeasurementSet;
  readonly fit: CalibrationFit;
}

/**
 * A measurement set as the reference engine writes it, or wrapped as POST /v1/calibrations takes
 * it ({format: "measurement-set", measurementSet}); the error paths then start at the set.
 *
 * @throws RangeError naming the field (libs/calibration).
 */
export function runCalibration(value: unknown): { run: CalibrationRun; fieldPrefix: string } {
  const wrapped = value !== null && typeof value === 'object' && (value as { format?: unknown }).format === 'measurement-set';
  const set = validateMeasurementSet(wrapped ? (value as { measurementSet?: unknown }).measurementSet : value);
  return { run: { set, fit: calibrate(set) }, fieldPrefix: wrapped ? 'measurementSet.' : '' };
}

const pct = (fraction: number) => `${(fraction * 100).toFixed(2)} %`;

export function calibrationTable(run: CalibrationRun, label: string): string {
  const { fit, set } = run;
  const c = fit.coefficients;
  const rows: [string, string][] = [
    ['engine', `${set.engine.name} ${set.engine.version} (${set.engine.backend}, ${set.engine.threads} threads)`],
    ['hardware', set.hardware.description || set.hardware.fingerprint],
    ['model', `${set.model.name}: ${set.model.expertCount} experts, top-${set.model.topK}`],
    ['points', `${fit.points} (${fit.memoryBoundPoints} memory-bound, ${fit.computeBoundPoints} compute-bound)`],
    ['η_compute', `${c.computeEfficiencyFraction.toFixed(4)}${c.computeIdentified ? '' : '  (not identified: too few compute-bound points)'}`],
    ['η_memory', `${c.memoryEfficiencyFraction.toFixed(4)}${c.memoryIdentified ? '' : '  (not identified: too few memory-bound points)'}`],
    ['step overhead', `${(c.stepOverheadSeconds * 1000).toFixed(4)} ms`],
    ['R²', fit.rSquared === null ? 'n/a (all step times equal)' : fit.rSquared.toFixed(6)],
    ['median |relative error|', pct(fit.medianAbsoluteRelativeError)],
    ['RMS relative error', pct(fit.rmsRelativeError)],
    ['held-out check', `${fit.heldOut.rule}: ${fit.heldOut.fittedPoints} fitted, ${fit.heldOut.heldOutPoints} held out`],
    ['held-out median |error|', pct(fit.heldOut.medianAbsoluteRelativeError)],
    ['held-out max |error|', pct(fit.heldOut.maxAbsoluteRelativeError)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const title = `calibrate: ${label}`;
  return [title, '─'.repeat(Math.max(title.length, width + 30)), ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`), '', fit.method, ...fit.warnings.map((w) => `warning: ${w}`)].join('\n') + '\n';
}

export const calibrationChart = (run: CalibrationRun, id: string): ChartSpec => (id === 'residuals' ? calibrationResidualsChart(run.fit) : calibrationScatterChart(run.fit));

/** One row per measurement: shape, measured, predicted, residual, bound, held out. */
export const calibrationCsv = (run: CalibrationRun): string => tableToCsv(calibrationResidualsChart(run.fit).table);
