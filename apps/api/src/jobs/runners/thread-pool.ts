import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobType } from '../job-types.js';
import type { ChunkRequest, ChunkThreadMessage } from './chunk-thread.js';

/**
 * Where the worker-thread entry lives, and how Node loads it.
 *
 * Built (`npm run build`, `npm start`): this file is dist/…/thread-pool.js and the entry is the
 * compiled chunk-thread.js beside it.
 *
 * Under Jest (@swc/jest transforms in-process; this file is still …/thread-pool.ts) a worker
 * thread is a fresh Node isolate that Jest's transformer does not reach, and Node 20 cannot load
 * .ts. The thread therefore starts with `--import test/support/ts-loader/register.mjs`, module hooks that
 * compile .ts with @swc/core (same options as Jest) and map `./x.js` imports to `./x.ts`.
 * Chosen over "build with tsc first, load dist/" because tests then always run the sources under
 * test, with no stale dist/ and no 10 s build before every run. Measured on this machine: a
 * thread is ready in about 0.2 s from sources with the hooks versus 0.05 s from dist/ — paid once per
 * pool, not per chunk.
 */
function threadEntry(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const hooks = fileURLToPath(new URL('../../../../../test/support/ts-loader/register.mjs', here));
    return { url: new URL('./chunk-thread.ts', here), execArgv: ['--import', hooks] };
  }
  return { url: new URL('./chunk-thread.js', here), execArgv: [] };
}

interface Pending {
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ((fraction: number) => void) | undefined;
}

class Thread {
  private worker: Worker;
  private pending: { taskId: number; settle: Pending } | undefined;

  constructor(private readonly onExit: () => void) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const { url, execArgv } = threadEntry();
    const worker = new Worker(url, { execArgv });
    worker.on('message', (reply: ChunkThreadMessage) => {
      const pending = this.pending;
      // A message of an earlier task (one whose thread was given up on) is not this task's.
      if (!pending || pending.taskId !== reply.taskId) return;
      if ('progress' in reply) {
        pending.settle.onProgress?.(reply.progress);
        return;
      }
      this.pending = undefined;
      if (reply.ok) pending.settle.resolve(reply.output);
      else pending.settle.reject(new Error(reply.error));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      this.fail(new Error(`worker thread exited with code ${code}`));
      this.onExit();
    });
    return worker;
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.settle.reject(error);
  }

  run(request: ChunkRequest, onProgress?: (fraction: number) => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending = { taskId: request.taskId, settle: { resolve, reject, onProgress } };
      this.worker.postMessage(request);
    });
  }

  respawn(): void {
    this.worker = this.spawn();
  }

  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/**
 * A fixed number of worker threads, one chunk at a time each, so the HTTP event loop never runs
 * job work. Threads start on first use: an API that never runs a job never pays for them.
 */
export class ThreadPool {
  private readonly threads: Thread[] = [];
  private readonly idle: Thread[] = [];
  private readonly waiting: Array<(thread: Thread) => void> = [];
  private nextTaskId = 1;
  private closed = false;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`size: must be a positive integer, got ${size}`);
  }

  private acquire(): Promise<Thread> {
    const thread = this.idle.pop();
    if (thread) return Promise.resolve(thread);
    if (this.threads.length < this.size) {
      const fresh: Thread = new Thread(() => {
        // A thread that died (out of memory, a native crash) is replaced; its chunk failed and is retried.
        if (!this.closed) fresh.respawn();
      });
      this.threads.push(fresh);
      return Promise.resolve(fresh);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(thread: Thread): void {
    const next = this.waiting.shift();
    if (next) next(thread);
    else this.idle.push(thread);
  }

  /** Runs one chunk on a free thread; `onProgress` hears the chunk's own progress reports (already throttled in the thread). */
  async run(type: JobType, input: unknown, onProgress?: (fraction: number) => void): Promise<unknown> {
    if (this.closed) throw new Error('thread pool is closed');
    const thread = await this.acquire();
    try {
      return await thread.run({ taskId: this.nextTaskId++, type, input }, onProgress);
    } finally {
      this.release(thread);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}
