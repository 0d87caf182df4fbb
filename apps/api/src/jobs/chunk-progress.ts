/**
 * Progress from inside a running chunk, on its way to the job record. Pure (the caller passes the
 * time), so that the chunk thread and executeChunk throttle the same way and a test can step the clock.
 */

/**
 * What a running job may show at most: only the transaction that stores the last chunk's output
 * (JobStore.completeChunk) says 1, so a job whose work is done but whose result is not yet stored
 * never reads as complete.
 */
export const RUNNING_PROGRESS_CAP = 0.999;

/**
 * Job progress while one chunk is part-way: the finished chunks plus that chunk's fraction, over
 * all chunks, below RUNNING_PROGRESS_CAP. Other chunks running at the same time are not counted, so
 * this under-reads a job with several chunks in flight; it never over-reads.
 */
export function jobProgressWithChunk(chunksDone: number, chunksTotal: number, chunkFraction: number): number {
  return Math.min((chunksDone + Math.min(1, Math.max(0, chunkFraction))) / chunksTotal, RUNNING_PROGRESS_CAP);
}

/**
 * Which of a chunk's progress reports go on: only rises (a report at or below the last one sent or
 * held is dropped), at most one per `intervalMs`. A rise inside the interval is held, the latest
 * held value replacing the earlier one, until `release` is called once `heldDueInMs` has passed.
 */
export class ProgressThrottle {
  private sent = 0;
  private sentAtMs = Number.NEGATIVE_INFINITY;
  private held: number | undefined;

  constructor(private readonly intervalMs: number) {
    if (!(intervalMs >= 0)) throw new RangeError(`intervalMs: must be at least 0, got ${intervalMs}`);
  }

  /** The value to send now, or undefined (not a rise, not a number, or held for later). */
  offer(fraction: number, nowMs: number): number | undefined {
    if (!Number.isFinite(fraction)) return undefined;
    const clamped = Math.min(1, Math.max(0, fraction));
    if (clamped <= Math.max(this.sent, this.held ?? 0)) return undefined;
    if (nowMs - this.sentAtMs >= this.intervalMs) return this.send(clamped, nowMs);
    this.held = clamped;
    return undefined;
  }

  /** Milliseconds until the held value may be sent; undefined when none is held. */
  heldDueInMs(nowMs: number): number | undefined {
    return this.held === undefined ? undefined : Math.max(0, this.sentAtMs + this.intervalMs - nowMs);
  }

  /** The held value, if its time has come. */
  release(nowMs: number): number | undefined {
    if (this.held === undefined || nowMs - this.sentAtMs < this.intervalMs) return undefined;
    return this.send(this.held, nowMs);
  }

  private send(fraction: number, nowMs: number): number {
    this.sent = fraction;
    this.sentAtMs = nowMs;
    this.held = undefined;
    return fraction;
  }
}

export interface ProgressReporter {
  report(fraction: number): void;
  /** Drops any held value and its timer: nothing is sent after stop. */
  stop(): void;
}

/** A ProgressThrottle on the real clock: a held rise is sent by a timer (unref'd: it never keeps a process alive). */
export function throttledReporter(intervalMs: number, send: (fraction: number) => void): ProgressReporter {
  const throttle = new ProgressThrottle(intervalMs);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = (now: number): void => {
    const dueInMs = throttle.heldDueInMs(now);
    if (dueInMs === undefined || timer !== undefined) return;
    // +1: a timer may fire up to a millisecond before performance.now() says the interval is over.
    timer = setTimeout(flush, dueInMs + 1);
    timer.unref?.();
  };
  const flush = (): void => {
    timer = undefined;
    if (stopped) return;
    const now = performance.now();
    const released = throttle.release(now);
    if (released !== undefined) send(released);
    schedule(now);
  };
  return {
    report(fraction) {
      if (stopped) return;
      const now = performance.now();
      const value = throttle.offer(fraction, now);
      if (value !== undefined) send(value);
      schedule(now);
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
