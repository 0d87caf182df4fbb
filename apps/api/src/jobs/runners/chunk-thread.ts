/**
 * Entry of an in-process worker thread: runs one chunk's pure work per message. Imports only
 * the handler registry (libs), never Nest or the database, so a thread starts in milliseconds.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { throttledReporter } from '../chunk-progress.js';
import { jobHandler } from '../job-handlers.js';
import type { JobType } from '../job-types.js';

export interface ChunkRequest {
  readonly taskId: number;
  readonly type: JobType;
  readonly input: unknown;
}

export type ChunkReply = { readonly taskId: number; readonly ok: true; readonly output: unknown } | { readonly taskId: number; readonly ok: false; readonly error: string };

/** Sent while a chunk runs, before its reply: `progress` is the fraction of that chunk done, 0…1. */
export interface ChunkProgressMessage {
  readonly taskId: number;
  readonly progress: number;
}

export type ChunkThreadMessage = ChunkReply | ChunkProgressMessage;

/** At most this often a thread posts a chunk's progress: the chunk may report on every step, the API thread need not hear it. */
const PROGRESS_MESSAGE_INTERVAL_MS = 250;

/**
 * Chunk work runs at a lower scheduling priority (nice 10) than the HTTP event loop, so that on a
 * machine with as many busy threads as cores the kernel runs the API thread first when a request
 * arrives instead of sharing the core evenly with the chunk. On Linux, setpriority() on a thread
 * id changes that thread alone; /proc/thread-self names this thread's id. Elsewhere, or where the
 * call is refused, the thread keeps the normal priority.
 */
function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, 10);
  } catch {
    /* not Linux, or not permitted: normal priority */
  }
}
lowerThisThreadsPriority();

parentPort?.on('message', async (request: ChunkRequest) => {
  const progress = throttledReporter(PROGRESS_MESSAGE_INTERVAL_MS, (fraction) => {
    const message: ChunkProgressMessage = { taskId: request.taskId, progress: fraction };
    parentPort!.postMessage(message);
  });
  let reply: ChunkReply;
  try {
    reply = { taskId: request.taskId, ok: true, output: await jobHandler(request.type).runChunk(request.input, { reportProgress: (f) => progress.report(f) }) };
  } catch (error) {
    reply = { taskId: request.taskId, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    progress.stop();
  }
  parentPort!.postMessage(reply);
});
