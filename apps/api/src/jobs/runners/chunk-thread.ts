/**
 * Entry of an in-process worker thread: runs one chunk's pure work per message. Imports only
 * the handler registry (libs), never Nest or the database, so a thread starts in milliseconds.
 */
import { parentPort } from 'node:worker_threads';
import { jobHandler } from '../job-handlers.js';
import type { JobType } from '../job-types.js';

export interface ChunkRequest {
  readonly taskId: number;
  readonly type: JobType;
  readonly input: unknown;
}

export type ChunkReply = { readonly taskId: number; readonly ok: true; readonly output: unknown } | { readonly taskId: number; readonly ok: false; readonly error: string };

parentPort?.on('message', (request: ChunkRequest) => {
  let reply: ChunkReply;
  try {
    reply = { taskId: request.taskId, ok: true, output: jobHandler(request.type).runChunk(request.input) };
  } catch (error) {
    reply = { taskId: request.taskId, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  parentPort!.postMessage(reply);
});
