/**
 * A one-line progress bar for stderr, drawn only when stderr is a terminal: piped or redirected
 * output (CI logs, `--json > file`) stays clean.
 */
import type { SweepProgress } from './run-engine-sweep.js';

export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export function createProgressBar(stream: ProgressStream): { update(progress: SweepProgress): void; finish(): void } {
  if (stream.isTTY !== true) return { update: () => undefined, finish: () => undefined };
  const started = Date.now();
  let drawn = false;
  return {
    update({ done, total, label }) {
      const width = 24;
      const filled = total === 0 ? width : Math.min(width, Math.round((done / total) * width));
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${seconds}s ${label}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 100) - 1).padEnd((stream.columns ?? 100) - 1)}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
