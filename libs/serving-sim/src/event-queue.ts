/**
 * Binary min-heap of events over typed arrays (no object per event): ordered by time, then
 * event priority (lower first), then insertion sequence, so runs are reproducible (house rule 5).
 * Priority and sequence share one float64 key: priority × 2^44 + sequence stays an exact integer
 * below 2^53 for priorities up to 255 and 17 × 10^12 events.
 */
const SEQUENCE_SPAN = 2 ** 44;

export class EventQueue {
  private times: Float64Array;
  private keys: Float64Array;
  private kinds: Uint8Array;
  private targets: Int32Array;
  private count = 0;
  private sequence = 0;
  /** Filled by pop(). */
  time = 0;
  kind = 0;
  target = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.keys = new Float64Array(initialCapacity);
    this.kinds = new Uint8Array(initialCapacity);
    this.targets = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** Events pushed so far (the next sequence number). */
  get pushed(): number {
    return this.sequence;
  }

  push(timeSeconds: number, priority: number, kind: number, target: number): void {
    if (this.count === this.times.length) this.grow();
    const key = priority * SEQUENCE_SPAN + this.sequence++;
    // Sift up with a hole: move parents down until the new entry's place is found.
    let i = this.count++;
    const { times, keys, kinds, targets } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < timeSeconds || (pt === timeSeconds && keys[parent]! < key)) break;
      times[i] = pt;
      keys[i] = keys[parent]!;
      kinds[i] = kinds[parent]!;
      targets[i] = targets[parent]!;
      i = parent;
    }
    times[i] = timeSeconds;
    keys[i] = key;
    kinds[i] = kind;
    targets[i] = target;
  }

  /** Removes the earliest event into time / kind / target; false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const { times, keys, kinds, targets } = this;
    this.time = times[0]!;
    this.kind = kinds[0]!;
    this.target = targets[0]!;
    const last = --this.count;
    if (last === 0) return true;
    const t = times[last]!;
    const k = keys[last]!;
    const kd = kinds[last]!;
    const tg = targets[last]!;
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < last) {
        const ct = times[child]!;
        const rt = times[right]!;
        if (rt < ct || (rt === ct && keys[right]! < keys[child]!)) child = right;
      }
      const ct = times[child]!;
      if (t < ct || (t === ct && k < keys[child]!)) break;
      times[i] = ct;
      keys[i] = keys[child]!;
      kinds[i] = kinds[child]!;
      targets[i] = targets[child]!;
      i = child;
    }
    times[i] = t;
    keys[i] = k;
    kinds[i] = kd;
    targets[i] = tg;
    return true;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    const targets = new Int32Array(capacity);
    targets.set(this.targets);
    this.times = times;
    this.keys = keys;
    this.kinds = kinds;
    this.targets = targets;
  }
}
