import { createProgressBar, etaSeconds, formatDuration, renderProgressLine } from './progress.js';

describe('CLI progress bar', () => {
  it('ETA after 30 of 120 points in 45 s is 90 × 45 / 30 = 135 s, read as "2 min 15 s"', () => {
    expect(etaSeconds(30, 120, 45)).toBe(135);
    expect(formatDuration(135)).toBe('2 min 15 s');
    expect(formatDuration(3725)).toBe('1 h 02 min');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(etaSeconds(0, 120, 45)).toBeNull();
  });

  it('draws 25 % as a quarter-filled bar with the counts and the ETA', () => {
    const line = renderProgressLine(1, 4, 10, 'decode b=8', 100);
    // 40-wide bar (100 columns leave room), round(0.25 × 40) = 10 filled; ETA = 3 × 10 / 1 = 30 s.
    expect(line).toBe(`[${'#'.repeat(10)}${'-'.repeat(30)}]  25 % 1/4 ETA 30 s  decode b=8`);
  });

  it('writes nothing when stderr is piped', () => {
    const writes: string[] = [];
    const bar = createProgressBar({ sink: { isTTY: false, write: (t: string) => writes.push(t) } });
    bar.update(1, 2);
    bar.finish();
    expect(writes).toEqual([]);
  });

  it('on a terminal redraws at most every 100 ms, always draws the last step, and clears itself', () => {
    const writes: string[] = [];
    let now = 0;
    const bar = createProgressBar({ sink: { isTTY: true, columns: 80, write: (t: string) => writes.push(t) }, nowMs: () => now });
    bar.update(1, 3); // drawn (first)
    now = 50;
    bar.update(2, 3); // skipped: 50 ms since the last draw
    now = 60;
    bar.update(3, 3); // drawn: the last step always shows
    bar.finish('3 points measured');
    expect(writes.filter((w) => w.includes('%'))).toHaveLength(2);
    expect(writes.at(-2)).toBe('\r\x1b[2K');
    expect(writes.at(-1)).toBe('3 points measured\n');
  });
});
