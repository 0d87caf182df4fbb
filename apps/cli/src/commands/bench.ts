import type { EngineSweepResult } from '../../../../simulator/src/harness/index.js';
import { benchStepTimesChart, tableToCsv, type ChartSpec } from '../../../../dashboards/charts/index.js';
import type { ProgressBar } from '../progress.js';

export const BENCH_CHARTS = ['step-times'] as const;

/** Ctrl-C before anything finished: nothing to keep (exit 130, like any interrupted command). */
export class StoppedError extends Error {
  override name = 'StoppedError';
}

export interface BenchOutput {
  readonly json: EngineSweepResult;
  readonly table: string;
  readonly csv: string;
  /** What --out x.json writes: the measurement set alone, which `capsim calibrate` and POST /v1/calibrations read. */
  readonly fileJson: unknown;
  readonly chart: (id: string) => ChartSpec;
  readonly interrupted: boolean;
}

/**
 * Runs the reference engine sweep (simulator/src/harness runEngineSweep: quick or full plan) with
 * the progress bar, polling the Ctrl-C flag between points; what finished is returned either way.
 * The harness (and its native kernels) loads only when bench runs.
 */
export async function benchCommand(options: { quick: boolean; bar: ProgressBar; stopRequested: () => boolean }): Promise<BenchOutput> {
  const harness = await import('../../../../simulator/src/harness/index.js');
  const plan = options.quick ? harness.QUICK_SWEEP_PLAN : harness.FULL_SWEEP_PLAN;
  let result: EngineSweepResult;
  try {
    result = await harness.runEngineSweep(plan, {
      onProgress: (p) => options.bar.update(p.done, p.total, p.label),
      shouldStop: options.stopRequested,
    });
  } catch (error) {
    // The measurement set needs at least one point: a stop before the first one leaves nothing to keep.
    if (options.stopRequested()) throw new StoppedError('bench: stopped before the first point finished; nothing written');
    throw error;
  }
  const interrupted = result.stopped;
  options.bar.finish(interrupted ? `capsim: stopped; kept ${result.rows.length} measured points` : undefined);
  const title = `${result.measurementSet.engine.name} ${result.measurementSet.engine.version} (${result.backend}) on ${result.measurementSet.hardware.description}`;
  const table = [
    `bench: ${options.quick ? 'quick' : 'full'} sweep of the reference engine, ${result.rows.length} points${interrupted ? ' (stopped early)' : ''}`,
    harness.formatCeilings(result),
    '',
    harness.formatSweepTable(result.rows),
    ...result.skipped.map((s) => `skipped: ${s}`),
  ].join('\n') + '\n';
  return {
    json: result,
    table,
    csv: tableToCsv(benchStepTimesChart(result.rows).table),
    fileJson: result.measurementSet,
    chart: () => benchStepTimesChart(result.rows, title),
    interrupted,
  };
}
