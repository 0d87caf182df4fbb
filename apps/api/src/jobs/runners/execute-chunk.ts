import { jobHandler } from '../job-handlers.js';
import type { ChunkRef, JobStore } from '../job-store.js';

export type ChunkWork = (ref: ChunkRef, input: unknown) => Promise<unknown>;

export type ChunkOutcome = 'stored' | 'finished' | 'dropped' | 'skipped' | 'retry' | 'failed';

/**
 * One attempt at one chunk, the same for both runners: claim it (counting the attempt), run the
 * pure work, then store the output — or record the failure, which the caller retries on 'retry'.
 */
export async function executeChunk(store: JobStore, ref: ChunkRef, worker: string, work: ChunkWork): Promise<ChunkOutcome> {
  const start = await store.startChunk(ref, worker);
  if (start.kind !== 'run') return start.kind === 'gave-up' ? 'failed' : 'skipped';
  let output: unknown;
  try {
    output = await work(ref, start.input);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const outcome = await store.failChunkAttempt(ref, reason, false);
    return outcome === 'dropped' ? 'dropped' : outcome;
  }
  const handler = jobHandler(ref.type);
  return store.completeChunk(ref, output, (inputs, outputs) => handler.combine(inputs, outputs));
}
