/**
 * A progress bar with an ETA for long CLI work (simulations, Monte Carlo, engine sweeps).
 * It draws on stderr only when stderr is a terminal, so piped output and logs stay clean, and it
 * redraws at most every `minRedrawMs` so that a tight loop does not spend its time printing.
 */
export interface ProgressSink {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressBar {
  /** done of total units finished; label says what is running now. */
  update(done: number, total: number, label?: string): void;
  /** Clears the bar and leaves one summary line. */
  finish(summary?: string): void;
}

export interface ProgressOptions {
  readonly sink?: ProgressSink;
  /** Milliseconds since an arbitrary origin; injectable so tests control time. */
  readonly nowMs?: () => number;
  readonly minRedrawMs?: number;
}

/** "1 h 02 min", "3 min 05 s", "42 s": what an ETA should read like. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** ETA from the mean rate so far: remaining units × elapsed / done. Null before the first unit. */
export function etaSeconds(done: number, total: number, elapsedSeconds: number): number | null {
  if (done <= 0 || elapsedSeconds <= 0 || total < done) return null;
  return ((total - done) * elapsedSeconds) / done;
}

export function renderProgressLine(done: number, total: number, elapsedSeconds: number, label: string, width: number): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const eta = etaSeconds(done, total, elapsedSeconds);
  const tail = ` ${String(Math.floor(fraction * 100)).padStart(3)} % ${done}/${total} ETA ${eta === null ? '…' : formatDuration(eta)}${label ? `  ${label}` : ''}`;
  const barWidth = Math.max(10, Math.min(40, width - tail.length - 3));
  const filled = Math.round(fraction * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`.slice(0, Math.max(20, width - 1));
}

export function createProgressBar(options: ProgressOptions = {}): ProgressBar {
  const sink = options.sink ?? process.stderr;
  const nowMs = options.nowMs ?? (() => performance.now());
  const minRedrawMs = options.minRedrawMs ?? 100;
  const startedMs = nowMs();
  let lastDrawMs = -Infinity;
  let drawn = false;
  if (!sink.isTTY) return { update: () => undefined, finish: () => undefined };
  return {
    update(done, total, label = '') {
      const now = nowMs();
      if (now - lastDrawMs < minRedrawMs && done < total) return;
      lastDrawMs = now;
      drawn = true;
      sink.write(`\r\x1b[2K${renderProgressLine(done, total, (now - startedMs) / 1000, label, sink.columns || 80)}`);
    },
    finish(summary) {
      if (drawn) sink.write('\r\x1b[2K');
      if (summary) sink.write(`${summary}\n`);
    },
  };
}

/**
 * Ctrl-C stops long work cleanly: the first SIGINT sets the flag the work polls (it then keeps
 * what finished and writes it); a second SIGINT exits at once, as users expect.
 */
export function onInterrupt(stderr: ProgressSink = process.stderr): { readonly stopRequested: () => boolean; dispose(): void } {
  let requested = false;
  const handler = () => {
    if (requested) process.exit(130);
    requested = true;
    stderr.write('\ncapsim: stopping after the current step (Ctrl-C again to quit now); finished work is kept\n');
  };
  process.on('SIGINT', handler);
  return { stopRequested: () => requested, dispose: () => process.off('SIGINT', handler) };
}
