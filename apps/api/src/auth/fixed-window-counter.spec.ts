import { FixedWindowCounter } from './fixed-window-counter.js';

describe(FixedWindowCounter.name, () => {
  it('allows 3 hits per 1000 ms window, refuses the 4th with the time left, and starts over in the next window', () => {
    const sut = new FixedWindowCounter(3, 1000);
    expect([0, 100, 200].map((t) => sut.hit('k', t).allowed)).toEqual([true, true, true]);
    // window opened at 0 ms, so at 300 ms 700 ms are left → rounded up to 1 s
    expect(sut.hit('k', 300)).toEqual({ allowed: false, count: 4, retryAfterSeconds: 1 });
    expect(sut.hit('k', 1000)).toEqual({ allowed: true, count: 1, retryAfterSeconds: 1 });
  });

  it('counts each tracker on its own', () => {
    const sut = new FixedWindowCounter(1, 60_000);
    expect(sut.hit('a', 0).allowed).toBe(true);
    expect(sut.hit('b', 0).allowed).toBe(true);
    // 60 s window opened at 0: at 1 s, 59 s are left
    expect(sut.hit('a', 1000)).toEqual({ allowed: false, count: 2, retryAfterSeconds: 59 });
  });
});
