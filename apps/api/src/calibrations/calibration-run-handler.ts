/**
 * The 'calibration-run' job: a bounded sweep of the reference engine (simulator/src/harness),
 * then the fit. Imports no Nest and no database, so chunk threads load it quickly; the engine is
 * imported lazily inside the chunk so that the API and threads that never run a sweep do not load
 * the kernels (or the native addon).
 *
 * Unlike other chunks this one reads the clock (it measures step times and honours maxSeconds) and
 * is not deterministic: a retried chunk measures again. It is one chunk on purpose — two chunks of
 * the same sweep running side by side on the thread pool would time each other.
 */
import { calibrate, checkMoeDecode, efficiencyFromProfile, type CalibrationFit, type MeasurementSet, type MoeCheck } from '../../../../libs/calibration/src/index.js';
import type { EfficiencyCoefficients } from '../../../../libs/capacity/src/index.js';
import type { EngineSweepPlan } from '../../../../simulator/src/harness/sweep-plan.js';
import type { ChunkContext, JobHandler } from '../jobs/job-types.js';

export interface CalibrationRunInputs {
  /** The profile row the result belongs to (its coefficients name it). */
  readonly profileId: string;
  readonly plan: EngineSweepPlan;
  readonly maxSeconds: number;
}

export interface CalibrationRunChunkOutput {
  readonly measurementSet: MeasurementSet;
  readonly skipped: readonly string[];
  readonly stopped: boolean;
  readonly elapsedSeconds: number;
}

export interface CalibrationRunResult extends CalibrationRunChunkOutput {
  readonly fit: CalibrationFit | null;
  readonly moeCheck: MoeCheck | null;
  readonly efficiency: EfficiencyCoefficients | null;
  /** Why there is no fit (too few points measured before maxSeconds ran out…); null when there is one. */
  readonly failure: string | null;
}

async function runSweep(inputs: CalibrationRunInputs, context?: ChunkContext): Promise<CalibrationRunChunkOutput> {
  const { runEngineSweep } = await import('../../../../simulator/src/harness/run-engine-sweep.js');
  const startedAt = performance.now();
  const deadline = startedAt + inputs.maxSeconds * 1000;
  const result = await runEngineSweep(inputs.plan, {
    shouldStop: () => performance.now() > deadline,
    // The whole job is this one chunk, so without this its progress would jump from 0 to 1.
    onProgress: ({ done, total }) => {
      if (total > 0) context?.reportProgress(done / total);
    },
  });
  return { measurementSet: result.measurementSet, skipped: result.skipped, stopped: result.stopped, elapsedSeconds: (performance.now() - startedAt) / 1000 };
}

/** Fits what the sweep measured; a set that cannot be fitted becomes a failure stated in words, not a failed job (its measurements are kept). */
export function fitRun(inputs: CalibrationRunInputs, output: CalibrationRunChunkOutput): CalibrationRunResult {
  try {
    const fit = calibrate(output.measurementSet);
    const efficiency = efficiencyFromProfile({ id: inputs.profileId, engine: output.measurementSet.engine, hardware: output.measurementSet.hardware, fit });
    return { ...output, fit, moeCheck: checkMoeDecode(output.measurementSet, fit.coefficients), efficiency, failure: null };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const why = output.stopped ? ` (the sweep stopped at maxSeconds = ${inputs.maxSeconds} after ${output.measurementSet.measurements.length} points)` : '';
    return { ...output, fit: null, moeCheck: null, efficiency: null, failure: `${error.message}${why}` };
  }
}

export const calibrationRunHandler: JobHandler<CalibrationRunInputs, CalibrationRunInputs, CalibrationRunChunkOutput, CalibrationRunResult> = {
  split: (inputs) => [inputs],
  runChunk: runSweep,
  combine: (inputs, outputs) => fitRun(inputs, outputs[0]!),
};
