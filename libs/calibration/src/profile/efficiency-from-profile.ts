import { DEFAULT_EFFICIENCY, type EfficiencyCoefficients } from '../../../capacity/src/index.js';
import type { CalibrationFit } from '../fit/calibrate.js';
import type { MeasurementSet } from '../measurement.js';

/** What a stored calibration profile must hold for its coefficients to be used. */
export interface CalibrationProfileSummary {
  readonly id: string;
  readonly engine: MeasurementSet['engine'];
  readonly hardware: Pick<MeasurementSet['hardware'], 'fingerprint'>;
  readonly fit: Pick<CalibrationFit, 'coefficients' | 'points' | 'rSquared' | 'heldOut'>;
}

/**
 * The coefficients a scenario uses when it references a profile. η_interconnect is not measured
 * by a single-replica sweep and keeps its default; a coefficient the data did not identify (too
 * few points obeyed its bound) keeps its default too, and the source says so.
 *
 * The fitted η are fractions of the peaks the measurement set stated: datasheet peaks for an
 * imported vLLM run (the same basis as libs/capacity), measured CPU peaks for the reference
 * engine — a scenario on a GPU that uses a CPU profile borrows its fractions, not its speeds.
 */
export function efficiencyFromProfile(profile: CalibrationProfileSummary): EfficiencyCoefficients {
  const c = profile.fit.coefficients;
  const kept: string[] = [];
  if (!c.computeIdentified) kept.push('η_compute');
  if (!c.memoryIdentified) kept.push('η_memory');
  const r2 = profile.fit.rSquared === null ? 'n/a' : profile.fit.rSquared.toFixed(4);
  const heldOut = (profile.fit.heldOut.medianAbsoluteRelativeError * 100).toFixed(1);
  const e = profile.engine;
  return {
    computeEfficiencyFraction: c.computeIdentified ? c.computeEfficiencyFraction : DEFAULT_EFFICIENCY.computeEfficiencyFraction,
    memoryEfficiencyFraction: c.memoryIdentified ? c.memoryEfficiencyFraction : DEFAULT_EFFICIENCY.memoryEfficiencyFraction,
    interconnectEfficiencyFraction: DEFAULT_EFFICIENCY.interconnectEfficiencyFraction,
    stepOverheadSeconds: c.stepOverheadSeconds,
    provenance: 'calibrated',
    calibrationProfileId: profile.id,
    source:
      `Calibration profile ${profile.id}: ${e.name} ${e.version} (${e.backend}, ${e.threads} thread(s)) on ${profile.hardware.fingerprint}; ` +
      `${profile.fit.points} points, R² ${r2}, held-out median error ${heldOut} %; η_interconnect default` +
      (kept.length > 0 ? `; ${kept.join(' and ')} not identified by the data, default kept` : '') +
      '.',
  };
}
