import { combineSweepChunks, evaluateSweepChunk, planSweepChunks, type SweepChunk, type SweepPointResult, type SweepResult, type SweepSpec } from '../../../../libs/sweep/src/index.js';
import type { AnyJobHandler, JobHandler, JobType } from './job-types.js';

const sweepHandler: JobHandler<SweepSpec, SweepChunk, SweepPointResult[], SweepResult> = {
  split: planSweepChunks,
  runChunk: (chunk) => evaluateSweepChunk(chunk),
  combine: (_inputs, outputs) => combineSweepChunks(outputs),
};

/** The typed registry: every JobType has exactly one handler (house style 6). */
export const JOB_HANDLERS = { sweep: sweepHandler } satisfies Record<JobType, AnyJobHandler>;

export function jobHandler(type: JobType): AnyJobHandler {
  return JOB_HANDLERS[type];
}
