import { mulberry32 } from '../../cost/src/index.js';
import { EventQueue } from './event-queue.js';

describe('event queue: ties break on time, then priority, then sequence', () => {
  it('pops (1 s, p0) before (1 s, p1) before (2 s, p0), and equal keys in push order', () => {
    const q = new EventQueue(2);
    q.push(2, 0, 9, 1);
    q.push(1, 1, 9, 2);
    q.push(1, 0, 9, 3);
    q.push(1, 1, 9, 4);
    q.push(1, 0, 9, 5);
    const order: number[] = [];
    while (q.pop()) order.push(q.target);
    expect(order).toEqual([3, 5, 2, 4, 1]);
  });

  it('sorts 10 000 random events like a stable sort on (time, priority)', () => {
    const random = mulberry32(3);
    const q = new EventQueue(4);
    const pushed: { t: number; p: number; id: number }[] = [];
    for (let id = 0; id < 10_000; id++) {
      const t = Math.floor(random() * 100);
      const p = Math.floor(random() * 4);
      pushed.push({ t, p, id });
      q.push(t, p, 0, id);
    }
    const expected = [...pushed].sort((a, b) => a.t - b.t || a.p - b.p || a.id - b.id).map((e) => e.id);
    const popped: number[] = [];
    while (q.pop()) popped.push(q.target);
    expect(popped).toEqual(expected);
    expect(q.size).toBe(0);
  });
});
