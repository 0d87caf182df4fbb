import { combineSweepChunks, evaluateSweepChunk, planSweepChunks, type SweepChunk, type SweepPointResult, type SweepResult, type SweepSpec } from '../../../../libs/sweep/src/index.js';
import { runForecast, type ForecastResult, type ForecastSpec } from '../../../../libs/cost/src/index.js';
import { autoscalingPlanHandler, simulationHandler } from '../simulations/simulation-job-handlers.js';
import { calibrationRunHandler } from '../calibrations/calibration-run-handler.js';
import type { AnyJobHandler, JobHandler, JobType } from './job-types.js';

const sweepHandler: JobHandler<SweepSpec, SweepChunk, SweepPointResult[], SweepResult> = {
  split: planSweepChunks,
  runChunk: (chunk) => evaluateSweepChunk(chunk),
  combine: (_inputs, outputs) => combineSweepChunks(outputs),
};

/**
 * A forecast is one chunk: its percentiles need every sample together, and N = 100 000 × 36 months
 * takes a few seconds on one core (bench:forecast), so splitting would cost more than it saves.
 */
const forecastHandler: JobHandler<ForecastSpec, ForecastSpec, ForecastResult, ForecastResult> = {
  split: (spec) => [spec],
  runChunk: (spec) => runForecast(spec),
  combine: (_inputs, outputs) => outputs[0]!,
};

/** The typed registry: every JobType has exactly one handler (house style 6). */
export const JOB_HANDLERS = { sweep: sweepHandler, forecast: forecastHandler, simulation: simulationHandler, 'autoscaling-plan': autoscalingPlanHandler, 'calibration-run': calibrationRunHandler } satisfies Record<JobType, AnyJobHandler>;

export function jobHandler(type: JobType): AnyJobHandler {
  return JOB_HANDLERS[type];
}
