import { Logger } from '@nestjs/common';
import type { ChunkRef, JobStore } from '../job-store.js';
import { executeChunk } from './execute-chunk.js';
import type { JobRunner } from './job-runner.js';
import { ThreadPool } from './thread-pool.js';

/**
 * The embedded default: chunks queue in memory and run on a pool of worker threads (one per
 * core by default), while the API's own thread only claims chunks and stores outputs. The queue
 * itself is the database: on boot, pending chunks of unfinished jobs are enqueued again, so a
 * restart resumes where the last process stopped (an attempt cut short counts as an attempt).
 */
export class InProcessRunner implements JobRunner {
  readonly kind = 'in-process';
  private readonly logger = new Logger(InProcessRunner.name);
  private readonly queue: ChunkRef[] = [];
  private readonly queued = new Set<string>();
  private readonly pool: ThreadPool;
  private wake: (() => void) | undefined;
  private stopping = false;
  private readonly lanes: Promise<void>[];

  constructor(
    private readonly store: JobStore,
    threads: number,
    private readonly workerName: string,
  ) {
    this.pool = new ThreadPool(threads);
    this.lanes = Array.from({ length: threads }, () => this.lane());
  }

  private key(ref: ChunkRef): string {
    return `${ref.jobId}/${ref.chunkIndex}`;
  }

  async enqueue(chunks: readonly ChunkRef[]): Promise<void> {
    for (const ref of chunks) {
      if (this.queued.has(this.key(ref))) continue;
      this.queued.add(this.key(ref));
      this.queue.push(ref);
    }
    this.wake?.();
  }

  async forget(jobId: string): Promise<void> {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.jobId === jobId) {
        this.queued.delete(this.key(this.queue[i]!));
        this.queue.splice(i, 1);
      }
    }
  }

  private next(): Promise<ChunkRef | undefined> {
    const ref = this.queue.shift();
    if (ref || this.stopping) return Promise.resolve(ref);
    return new Promise((resolve) => {
      const previous = this.wake;
      this.wake = () => {
        this.wake = undefined;
        previous?.();
        resolve(this.queue.shift());
      };
    });
  }

  /** One lane per thread: take a chunk, run it, store it; a failed attempt goes to the back of the queue. */
  private async lane(): Promise<void> {
    while (!this.stopping) {
      const ref = await this.next();
      if (!ref) continue;
      this.queued.delete(this.key(ref));
      try {
        const outcome = await executeChunk(this.store, ref, this.workerName, (r, input, onProgress) => this.pool.run(r.type, input, onProgress));
        if (outcome === 'retry' && !this.stopping) await this.enqueue([ref]);
      } catch (error) {
        // The database went away (shutdown) or a bug: the chunk stays pending in the database and is picked up on the next boot.
        if (!this.stopping) this.logger.error(`chunk ${this.key(ref)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  async close(): Promise<void> {
    this.stopping = true;
    this.queue.length = 0;
    this.wake?.();
    await Promise.all(this.lanes);
    await this.pool.close();
  }
}
