/**
 * Rotary position embedding in the "rotate half" layout of HF Llama / Mixtral: dimension i pairs
 * with i + headDim/2, frequency θ^(−2i/headDim). cos/sin are tabulated per position once and the
 * table grows by doubling, so a step allocates nothing.
 */
export class RopeTable {
  private cos = new Float32Array(0);
  private sin = new Float32Array(0);
  private positions = 0;
  private readonly half: number;
  private readonly inverseFrequencies: Float64Array;

  constructor(
    readonly headDim: number,
    readonly theta: number,
  ) {
    this.half = headDim / 2;
    this.inverseFrequencies = new Float64Array(this.half);
    for (let i = 0; i < this.half; i++) this.inverseFrequencies[i] = Math.pow(theta, (-2 * i) / headDim);
  }

  /** cos(p·θ_i) at [p × headDim/2 + i], for the positions ensure() has covered (a backend applies RoPE from it). */
  get cosTable(): Float32Array {
    return this.cos;
  }

  get sinTable(): Float32Array {
    return this.sin;
  }

  ensure(positions: number): void {
    if (positions <= this.positions) return;
    const capacity = Math.max(positions, this.positions * 2, 256);
    const cos = new Float32Array(capacity * this.half);
    const sin = new Float32Array(capacity * this.half);
    for (let p = 0; p < capacity; p++) {
      for (let i = 0; i < this.half; i++) {
        const angle = p * this.inverseFrequencies[i]!;
        cos[p * this.half + i] = Math.cos(angle);
        sin[p * this.half + i] = Math.sin(angle);
      }
    }
    this.cos = cos;
    this.sin = sin;
    this.positions = capacity;
  }

  /** Rotates `heads` consecutive head vectors starting at `offset`, in place, for `position`. */
  apply(x: Float32Array, offset: number, heads: number, position: number): void {
    const { half, cos, sin, headDim } = this;
    const table = position * half;
    for (let h = 0; h < heads; h++) {
      const base = offset + h * headDim;
      for (let i = 0; i < half; i++) {
        const c = cos[table + i]!;
        const s = sin[table + i]!;
        const x1 = x[base + i]!;
        const x2 = x[base + i + half]!;
        x[base + i] = x1 * c - x2 * s;
        x[base + i + half] = x2 * c + x1 * s;
      }
    }
  }
}
