import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ChunkRef } from '../job-store.js';
import type { JobRunner } from './job-runner.js';

/** One queue for every job type's chunks; workers dispatch on the chunk's type. */
export const CHUNK_QUEUE = 'capsim-chunks';

/** BullMQ job id of a chunk: enqueueing the same chunk twice (a restarted API re-enqueues pending ones) adds it once. */
export function chunkJobId(ref: { jobId: string; chunkIndex: number }): string {
  return `${ref.jobId}.${ref.chunkIndex}`;
}

/**
 * BullMQ needs its own ioredis client in native ESM (it cannot require() one). Workers need
 * maxRetriesPerRequest: null so blocking commands wait out a Redis restart instead of throwing.
 */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/**
 * The scaled-out runner: the API only enqueues chunk references; `capsim worker` processes on any
 * number of hosts take them, read the chunk input from PostgreSQL and write outputs back. Attempts
 * are counted in PostgreSQL (JobStore.startChunk), so the bound holds across hosts and SIGKILLs;
 * BullMQ's own retry count is set just above it as a backstop.
 */
export class BullMqRunner implements JobRunner {
  readonly kind = 'bullmq';
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly logger = new Logger('BullMqRunner');

  constructor(redisUrl: string, private readonly maxAttempts: number) {
    this.connection = redisConnection(redisUrl);
    this.queue = new Queue(CHUNK_QUEUE, { connection: this.connection });
    // Without a listener BullMQ prints every failed reconnect with a stack; readiness already reports the outage.
    this.queue.on('error', (error) => this.logger.warn(`queue: ${error.message}`));
  }

  /**
   * ioredis reconnects by itself, but a Redis restarted without persistence comes back empty: the
   * queued chunks are gone and nothing would ever run them. Every 'ready' after the first one tells
   * the listener, which re-enqueues from PostgreSQL (chunk job ids make a repeat add a no-op).
   */
  onReconnect(listener: () => void): void {
    let seenReady = this.connection.status === 'ready';
    this.connection.on('ready', () => {
      if (seenReady) listener();
      seenReady = true;
    });
  }

  async enqueue(chunks: readonly ChunkRef[]): Promise<void> {
    if (chunks.length === 0) return;
    await this.queue.addBulk(
      chunks.map((ref) => ({
        name: ref.type,
        data: ref,
        opts: {
          jobId: chunkJobId(ref),
          attempts: this.maxAttempts + 1,
          backoff: { type: 'fixed', delay: 200 },
          removeOnComplete: true,
          removeOnFail: { count: 1000 },
        },
      })),
    );
  }

  async forget(jobId: string, chunkCount: number): Promise<void> {
    // Waiting chunks go; a chunk that is running cannot be removed (locked) and finds the job cancelled when it reports.
    await Promise.all(Array.from({ length: chunkCount }, (_, chunkIndex) => this.queue.remove(chunkJobId({ jobId, chunkIndex })).catch(() => 0)));
  }

  /** Chunks waiting in Redis: what an operator watches to decide how many workers to run. */
  async waitingCount(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
