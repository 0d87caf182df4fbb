import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { jobProgressWithChunk, ProgressThrottle, RUNNING_PROGRESS_CAP, throttledReporter } from './chunk-progress.js';

describe('ProgressThrottle (1 000 ms)', () => {
  it('sends the first rise at once, holds later rises inside the interval, and releases only the latest when it ends', () => {
    const throttle = new ProgressThrottle(1000);
    expect(throttle.offer(0.1, 0)).toBe(0.1);
    expect(throttle.offer(0.2, 300)).toBeUndefined();
    expect(throttle.offer(0.3, 600)).toBeUndefined();
    // Sent at 0, so the held 0.3 is due at 1 000: 400 ms after t = 600.
    expect(throttle.heldDueInMs(600)).toBe(400);
    expect(throttle.release(999)).toBeUndefined();
    expect(throttle.release(1000)).toBe(0.3);
    expect(throttle.heldDueInMs(1000)).toBeUndefined();
    expect(throttle.release(5000)).toBeUndefined();
  });

  it('sends a rise at once when the interval since the last send has passed', () => {
    const throttle = new ProgressThrottle(1000);
    expect(throttle.offer(0.25, 0)).toBe(0.25);
    expect(throttle.offer(0.5, 1000)).toBe(0.5);
    expect(throttle.offer(0.75, 2500)).toBe(0.75);
  });

  it('drops what is not a rise: 0, the value sent, a lower one, one below the value held, NaN and ∞', () => {
    const throttle = new ProgressThrottle(1000);
    expect(throttle.offer(0, 0)).toBeUndefined();
    expect(throttle.offer(0.5, 0)).toBe(0.5);
    expect(throttle.offer(0.5, 2000)).toBeUndefined();
    expect(throttle.offer(0.4, 3000)).toBeUndefined();
    expect(throttle.offer(Number.NaN, 4000)).toBeUndefined();
    expect(throttle.offer(Number.POSITIVE_INFINITY, 4000)).toBeUndefined();
    // 0.5 was sent at 0, so at 4 000 a rise goes at once; then within the interval 0.8 is held and 0.7 (below it) dropped.
    expect(throttle.offer(0.6, 4000)).toBe(0.6);
    expect(throttle.offer(0.8, 4100)).toBeUndefined();
    expect(throttle.offer(0.7, 4200)).toBeUndefined();
    expect(throttle.release(5000)).toBe(0.8);
  });

  it('clamps a report above 1 to 1, and then drops everything', () => {
    const throttle = new ProgressThrottle(0);
    expect(throttle.offer(1.5, 0)).toBe(1);
    expect(throttle.offer(1, 10)).toBeUndefined();
  });

  it('refuses a negative interval', () => {
    expect(() => new ProgressThrottle(-1)).toThrow('intervalMs: must be at least 0, got -1');
  });
});

describe('jobProgressWithChunk', () => {
  it('adds the running chunk’s fraction to the finished chunks: 1 of 4 done and half of the next = 1.5 / 4', () => {
    expect(jobProgressWithChunk(1, 4, 0.5)).toBe(0.375);
  });

  it('shows a one-chunk job at its chunk’s fraction', () => {
    expect(jobProgressWithChunk(0, 1, 0.25)).toBe(0.25);
  });

  it('stays below 1 while the job runs, even when its last chunk says it is done', () => {
    expect(jobProgressWithChunk(0, 1, 1)).toBe(RUNNING_PROGRESS_CAP);
    expect(jobProgressWithChunk(3, 4, 1)).toBe(RUNNING_PROGRESS_CAP);
    expect(RUNNING_PROGRESS_CAP).toBeLessThan(1);
  });

  it('clamps a chunk fraction outside 0…1: 2 of 4 done with −0.5 → 2 / 4, with 3 → 3 / 4', () => {
    expect(jobProgressWithChunk(2, 4, -0.5)).toBe(0.5);
    expect(jobProgressWithChunk(2, 4, 3)).toBe(0.75);
  });
});

describe('throttledReporter on the clock (250 ms)', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('sends the first rise, then the latest held one when the interval ends, and nothing after stop', () => {
    jest.useFakeTimers();
    const sent: number[] = [];
    const reporter = throttledReporter(250, (f) => sent.push(f));
    reporter.report(0.1);
    reporter.report(0.2);
    reporter.report(0.3);
    expect(sent).toEqual([0.1]);
    jest.advanceTimersByTime(300);
    expect(sent).toEqual([0.1, 0.3]);
    reporter.report(0.4);
    reporter.report(0.5);
    reporter.stop();
    jest.advanceTimersByTime(1000);
    reporter.report(0.9);
    expect(sent).toEqual([0.1, 0.3]);
  });
});
