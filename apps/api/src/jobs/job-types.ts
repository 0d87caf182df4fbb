/** Every kind of long work the job system runs. A new feature adds its type here and its handler to JOB_HANDLERS. */
export const JOB_TYPES = ['sweep', 'forecast', 'simulation', 'autoscaling-plan', 'calibration-run'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const ACTIVE_JOB_STATES = ['queued', 'running'] as const satisfies readonly JobState[];

export type ChunkState = 'queued' | 'running' | 'succeeded' | 'failed';

/**
 * A job type's pure work, split so that chunks can run anywhere (a worker thread, a
 * `capsim worker` on another host) and be retried on their own:
 * - split: inputs → self-contained chunk inputs (runs where the job is submitted);
 * - runChunk: one chunk's work (runs in a worker; no I/O, no clock, deterministic);
 * - combine: every chunk's output, in chunk order → the job's result (runs where the last chunk finishes).
 * Handlers must import no Nest and no database, so a worker thread loads them quickly.
 */
export interface JobHandler<Inputs, ChunkInput, ChunkOutput, Result> {
  split(inputs: Inputs): readonly ChunkInput[];
  /** May be async (the calibration run awaits the engine); runners await it. */
  runChunk(chunk: ChunkInput): ChunkOutput | Promise<ChunkOutput>;
  combine(inputs: Inputs, outputs: readonly ChunkOutput[]): Result;
}

// `any` here only: the registry holds handlers of different input types; each is typed at its definition.
export type AnyJobHandler = JobHandler<any, any, any, any>;
