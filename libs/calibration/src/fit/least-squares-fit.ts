import type { RooflinePoint, StepTimeCoefficients } from './step-time-model.js';

/**
 * Smallest efficiency the fit considers. 0.1 %: the portable TypeScript backend of the reference
 * engine runs near 1 % of the native kernels' measured peak, so the floor must sit below that.
 */
export const MIN_EFFICIENCY_FRACTION = 0.001;
/** Efficiencies are fractions of the peaks the measurement set states; above 1 means the peak was understated. */
export const MAX_EFFICIENCY_FRACTION = 1;

/** 30 steps per decade over the three decades 0.001 … 1. */
const GRID_STEPS = 91;
const GOLDEN_ROUNDS = 6;
const GOLDEN_ITERATIONS = 60;
const ACTIVE_SET_ITERATIONS = 30;

export interface LeastSquaresFit extends StepTimeCoefficients {
  /** Σ ((measured − predicted) / measured)²: the objective minimised. */
  readonly sumSquaredRelativeResiduals: number;
  /** Points whose compute (memory) term binds at the optimum. */
  readonly computeBoundPoints: number;
  readonly memoryBoundPoints: number;
}

/**
 * Least-squares fit of η_compute, η_memory and the per-step overhead.
 *
 * Objective: Σ ((t_i − t̂_i) / t_i)², i.e. weights 1 / t_i². Step times span three orders of
 * magnitude (a 1 ms decode step, a 1 s prefill chunk); unweighted seconds would let the few
 * slowest points decide everything, relative residuals treat each measurement alike — the
 * held-out check is relative for the same reason.
 *
 * Why not a generic optimiser: with a = 1/η_compute, b = 1/η_memory the model is
 * t = max(a x, b y) + c. The max makes the objective piecewise — smooth inside each assignment of
 * points to their binding bound, with creases where a x_i = b y_i — so gradient methods stall on
 * the creases, and with the assignment fixed the problem is plain linear least squares with a
 * closed form. Hence three steps:
 *   1. a log-spaced grid over (η_compute, η_memory) in [0.001, 1]², with the overhead in closed
 *      form for each cell (the weighted mean of t − max(a x, b y), clamped at 0), finds the basin;
 *   2. an active-set loop: fix which bound each point obeys, solve the 3 × 3 weighted normal
 *      equations for (a, b, c), reassign the points by the new max, repeat until the assignment
 *      stops changing. On exact data this lands on the generating coefficients to rounding;
 *   3. golden-section line searches, alternating over log η_compute and log η_memory (overhead
 *      in closed form), polish the result when the active set ends infeasible (η > 1, overhead < 0)
 *      or oscillates.
 * The best objective found by any step wins.
 */
export function fitStepTimeModel(points: readonly RooflinePoint[]): LeastSquaresFit {
  const n = points.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const t = new Float64Array(n);
  const w = new Float64Array(n);
  let weightSum = 0;
  for (let i = 0; i < n; i += 1) {
    const p = points[i]!;
    x[i] = p.computeSecondsAtPeak;
    y[i] = p.memorySecondsAtPeak;
    t[i] = p.measuredSeconds;
    w[i] = 1 / (p.measuredSeconds * p.measuredSeconds);
    weightSum += w[i]!;
  }

  const aMin = 1 / MAX_EFFICIENCY_FRACTION;
  const aMax = 1 / MIN_EFFICIENCY_FRACTION;

  const overheadFor = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < n; i += 1) s += w[i]! * (t[i]! - Math.max(a * x[i]!, b * y[i]!));
    return Math.max(0, s / weightSum);
  };
  const objective = (a: number, b: number, c: number): number => {
    let s = 0;
    for (let i = 0; i < n; i += 1) {
      const r = t[i]! - Math.max(a * x[i]!, b * y[i]!) - c;
      s += w[i]! * r * r;
    }
    return s;
  };

  let best = { a: aMin, b: aMin, c: overheadFor(aMin, aMin), sse: Infinity };
  const consider = (a: number, b: number, c: number): void => {
    if (!(a >= aMin && a <= aMax && b >= aMin && b <= aMax && c >= 0)) return;
    const sse = objective(a, b, c);
    if (sse < best.sse) best = { a, b, c, sse };
  };

  // 1. Grid over log η.
  const logMin = Math.log(MIN_EFFICIENCY_FRACTION);
  const logMax = Math.log(MAX_EFFICIENCY_FRACTION);
  for (let i = 0; i < GRID_STEPS; i += 1) {
    const a = Math.exp(-(logMin + ((logMax - logMin) * i) / (GRID_STEPS - 1)));
    for (let j = 0; j < GRID_STEPS; j += 1) {
      const b = Math.exp(-(logMin + ((logMax - logMin) * j) / (GRID_STEPS - 1)));
      consider(a, b, overheadFor(a, b));
    }
  }

  // 2. Active set: linear least squares with each point's bound fixed.
  let a = best.a;
  let b = best.b;
  let previous = '';
  for (let iteration = 0; iteration < ACTIVE_SET_ITERATIONS; iteration += 1) {
    const computeBound = new Uint8Array(n);
    for (let i = 0; i < n; i += 1) computeBound[i] = a * x[i]! >= b * y[i]! ? 1 : 0;
    const key = computeBound.join('');
    if (key === previous) break;
    previous = key;
    const solved = solveAssigned(x, y, t, w, computeBound, a, b);
    if (!solved) break;
    consider(solved.a, solved.b, solved.c);
    // An infeasible solution still points the way; clamp it into the box for the next assignment.
    a = Math.min(aMax, Math.max(aMin, solved.a));
    b = Math.min(aMax, Math.max(aMin, solved.b));
  }

  // 3. Golden-section polish on log a and log b, alternating.
  let la = Math.log(best.a);
  let lb = Math.log(best.b);
  const span = (logMax - logMin) / (GRID_STEPS - 1);
  for (let round = 0; round < GOLDEN_ROUNDS; round += 1) {
    la = goldenMinimum((v) => objective(Math.exp(v), Math.exp(lb), overheadFor(Math.exp(v), Math.exp(lb))), Math.max(-logMax, la - 2 * span), Math.min(-logMin, la + 2 * span));
    lb = goldenMinimum((v) => objective(Math.exp(la), Math.exp(v), overheadFor(Math.exp(la), Math.exp(v))), Math.max(-logMax, lb - 2 * span), Math.min(-logMin, lb + 2 * span));
    consider(Math.exp(la), Math.exp(lb), overheadFor(Math.exp(la), Math.exp(lb)));
    la = Math.log(best.a);
    lb = Math.log(best.b);
  }

  let computeBoundPoints = 0;
  for (let i = 0; i < n; i += 1) if (best.a * x[i]! >= best.b * y[i]!) computeBoundPoints += 1;
  return {
    computeEfficiencyFraction: 1 / best.a,
    memoryEfficiencyFraction: 1 / best.b,
    stepOverheadSeconds: best.c,
    sumSquaredRelativeResiduals: best.sse,
    computeBoundPoints,
    memoryBoundPoints: n - computeBoundPoints,
  };
}

/**
 * Weighted least squares of t = a X + b Y + c where X = x on compute-bound points (else 0) and
 * Y = y on memory-bound points (else 0). When one bound has no points its coefficient is not
 * determined by the data and keeps `keepA` / `keepB`; when the free overhead comes out negative
 * it is refitted at 0.
 */
function solveAssigned(
  x: Float64Array,
  y: Float64Array,
  t: Float64Array,
  w: Float64Array,
  computeBound: Uint8Array,
  keepA: number,
  keepB: number,
): { a: number; b: number; c: number } | null {
  const n = t.length;
  const columns: Array<(i: number) => number> = [];
  const names: Array<'a' | 'b' | 'c'> = [];
  let hasCompute = false;
  let hasMemory = false;
  for (let i = 0; i < n; i += 1) {
    if (computeBound[i]) hasCompute = true;
    else hasMemory = true;
  }
  if (hasCompute) {
    columns.push((i) => (computeBound[i] ? x[i]! : 0));
    names.push('a');
  }
  if (hasMemory) {
    columns.push((i) => (computeBound[i] ? 0 : y[i]!));
    names.push('b');
  }
  // The fixed part when one bound is empty contributes nothing: every point obeys the other.
  const solveWith = (withOverhead: boolean): Record<'a' | 'b' | 'c', number> | null => {
    const cols = withOverhead ? [...columns, () => 1] : columns;
    const labels = withOverhead ? [...names, 'c' as const] : names;
    const k = cols.length;
    const m = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
    for (let i = 0; i < n; i += 1) {
      const row = cols.map((col) => col(i));
      for (let r = 0; r < k; r += 1) {
        for (let s = 0; s < k; s += 1) m[r]![s]! += w[i]! * row[r]! * row[s]!;
        m[r]![k]! += w[i]! * row[r]! * t[i]!;
      }
    }
    const solution = solveLinearSystem(m);
    if (!solution) return null;
    const out = { a: keepA, b: keepB, c: 0 };
    labels.forEach((label, index) => (out[label] = solution[index]!));
    return out;
  };
  const free = solveWith(true);
  if (free && free.c >= 0) return free;
  return solveWith(false);
}

/** Gaussian elimination with partial pivoting on an augmented k × (k + 1) matrix; null when singular. */
function solveLinearSystem(m: number[][]): number[] | null {
  const k = m.length;
  for (let col = 0; col < k; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < k; r += 1) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    const scale = Math.max(...m.map((row) => Math.abs(row[col]!)));
    if (!(Math.abs(m[pivot]![col]!) > scale * 1e-12)) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < k; r += 1) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let s = col; s <= k; s += 1) m[r]![s]! -= f * m[col]![s]!;
    }
  }
  const out = m.map((row, i) => row[k]! / row[i]!);
  return out.every(Number.isFinite) ? out : null;
}

function goldenMinimum(f: (v: number) => number, lo: number, hi: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = hi - ratio * (hi - lo);
  let d = lo + ratio * (hi - lo);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < GOLDEN_ITERATIONS; i += 1) {
    if (fc <= fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - ratio * (hi - lo);
      fc = f(c);
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + ratio * (hi - lo);
      fd = f(d);
    }
  }
  return (lo + hi) / 2;
}
