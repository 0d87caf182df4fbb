import type { ChunkRef } from '../job-store.js';

/** Where chunks run. The API talks to one of these; which one is chosen once at boot (REDIS_URL). */
export interface JobRunner {
  readonly kind: 'in-process' | 'bullmq';
  /** Hands chunks over for execution. Safe to repeat: a chunk already done or claimed elsewhere is skipped when it starts. */
  enqueue(chunks: readonly ChunkRef[]): Promise<void>;
  /** Best effort: drops the job's chunks that have not started. Correctness does not depend on it (workers check the job's state). */
  forget(jobId: string, chunkCount: number): Promise<void>;
  close(): Promise<void>;
  /** Called after the runner's backing store comes back from an outage (it may have lost its queue): the caller re-enqueues pending chunks. */
  onReconnect?(listener: () => void): void;
}

export const JOB_RUNNER = Symbol('JOB_RUNNER');
