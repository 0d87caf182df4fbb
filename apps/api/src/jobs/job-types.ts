/** Every kind of long work the job system runs. A new feature adds its type here and its handler to JOB_HANDLERS. */
export const JOB_TYPES = ['sweep', 'forecast', 'simulation', 'autoscaling-plan', 'calibration-run'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const ACTIVE_JOB_STATES = ['queued', 'running'] as const satisfies readonly JobState[];

export type ChunkState = 'queued' | 'running' | 'succeeded' | 'failed';

/** What a runner hands a running chunk besides its input. */
export interface ChunkContext {
  /**
   * How much of this chunk is done, 0…1, for the job's progressFraction while the chunk runs. Cheap
   * to call often: runners keep only rises and throttle them before anything reaches the database.
   */
  reportProgress(fraction: number): void;
}

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
  /** May be async (the calibration run awaits the engine); runners await it. A long chunk may report its progress through `context`. */
  runChunk(chunk: ChunkInput, context?: ChunkContext): ChunkOutput | Promise<ChunkOutput>;
  combine(inputs: Inputs, outputs: readonly ChunkOutput[]): Result;
}

// `any` here only: the registry holds handlers of different input types; each is typed at its definition.
export type AnyJobHandler = JobHandler<any, any, any, any>;
