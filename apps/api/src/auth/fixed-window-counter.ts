/** Entries kept before expired windows are swept; bounds memory against floods of distinct addresses. */
const SWEEP_AT_ENTRIES = 50_000;

export interface Hit {
  readonly allowed: boolean;
  /** Requests counted in the current window, this one included. */
  readonly count: number;
  readonly retryAfterSeconds: number;
}

/** Counts hits per tracker in fixed windows of windowMs; the clock is passed in, so it is testable. */
export class FixedWindowCounter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  hit(tracker: string, nowMs: number): Hit {
    let window = this.windows.get(tracker);
    if (!window || nowMs - window.startMs >= this.windowMs) {
      if (this.windows.size >= SWEEP_AT_ENTRIES) this.sweep(nowMs);
      window = { startMs: nowMs, count: 0 };
      this.windows.set(tracker, window);
    }
    window.count++;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.startMs + this.windowMs - nowMs) / 1000));
    return { allowed: window.count <= this.limit, count: window.count, retryAfterSeconds };
  }

  private sweep(nowMs: number): void {
    for (const [tracker, window] of this.windows) if (nowMs - window.startMs >= this.windowMs) this.windows.delete(tracker);
  }
}
