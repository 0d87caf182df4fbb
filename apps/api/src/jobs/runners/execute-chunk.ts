import { Logger } from '@nestjs/common';
import { throttledReporter } from '../chunk-progress.js';
import { jobHandler } from '../job-handlers.js';
import type { ChunkRef, JobStore } from '../job-store.js';

/** Runs one chunk's pure work; `onProgress` takes the chunk's own progress reports (fraction of the chunk, 0…1). */
export type ChunkWork = (ref: ChunkRef, input: unknown, onProgress: (fraction: number) => void) => Promise<unknown>;

export type ChunkOutcome = 'stored' | 'finished' | 'dropped' | 'skipped' | 'retry' | 'failed';

/** At most one progress write per chunk this often: a job's progress is read by people polling, not by machines. */
export const PROGRESS_WRITE_INTERVAL_MS = 1000;

const logger = new Logger('executeChunk');

/**
 * One attempt at one chunk, the same for both runners: claim it (counting the attempt), run the
 * pure work, then store the output — or record the failure, which the caller retries on 'retry'.
 * Progress the work reports is written on the side, throttled, and never fails the chunk: a lost
 * write only leaves the job's progress where it was until the next one or the chunk's completion.
 */
export async function executeChunk(store: JobStore, ref: ChunkRef, worker: string, work: ChunkWork): Promise<ChunkOutcome> {
  const start = await store.startChunk(ref, worker);
  if (start.kind !== 'run') return start.kind === 'gave-up' ? 'failed' : 'skipped';
  const progress = throttledReporter(PROGRESS_WRITE_INTERVAL_MS, (fraction) => {
    store.reportChunkProgress(ref, fraction).catch((error: unknown) => {
      logger.warn(`progress of chunk ${ref.chunkIndex} of job ${ref.jobId}: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  let output: unknown;
  try {
    output = await work(ref, start.input, (fraction) => progress.report(fraction));
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const outcome = await store.failChunkAttempt(ref, reason, false);
    return outcome === 'dropped' ? 'dropped' : outcome;
  } finally {
    progress.stop();
  }
  const handler = jobHandler(ref.type);
  return store.completeChunk(ref, output, (inputs, outputs) => handler.combine(inputs, outputs));
}
