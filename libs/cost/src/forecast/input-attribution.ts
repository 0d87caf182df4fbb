import { dec, type MoneyDecimal } from '../money/money.js';

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/**
 * Inputs that differ between two scenario documents, one level into nested objects so that
 * "pricing.onDemandCnyPerGpuHour" and "quantization.weights" are separate inputs; arrays and
 * scalars are single inputs. Sorted, so the order does not depend on how the documents were written.
 * @example { gpuId: 'a', pricing: { x: 1 } } vs { gpuId: 'a', pricing: { x: 2 } } → ['pricing.x']
 */
export function changedInputPaths(a: Plain, b: Plain): string[] {
  const paths: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key];
    const y = b[key];
    if (same(x, y)) continue;
    if ((isPlain(x) || x === undefined) && (isPlain(y) || y === undefined)) {
      const xs = (x ?? {}) as Plain;
      const ys = (y ?? {}) as Plain;
      for (const sub of new Set([...Object.keys(xs), ...Object.keys(ys)])) if (!same(xs[sub], ys[sub])) paths.push(`${key}.${sub}`);
    } else {
      paths.push(key);
    }
  }
  return paths.sort();
}

/** A copy of `a` with `b`'s value at `path` (removed where `b` has none). */
export function withInputFrom(a: Plain, b: Plain, path: string): Plain {
  const copy = JSON.parse(JSON.stringify(a)) as Plain;
  const [key, sub] = path.split('.', 2) as [string, string | undefined];
  if (sub === undefined) {
    if (b[key] === undefined) delete copy[key];
    else copy[key] = JSON.parse(JSON.stringify(b[key]));
    return copy;
  }
  const from = (isPlain(b[key]) ? b[key] : {}) as Plain;
  const into = (isPlain(copy[key]) ? copy[key] : {}) as Plain;
  if (from[sub] === undefined) delete into[sub];
  else into[sub] = JSON.parse(JSON.stringify(from[sub]));
  if (Object.keys(into).length === 0) delete copy[key];
  else copy[key] = into;
  return copy;
}

export interface InputEffect {
  readonly input: string;
  /** Cost with only this input taken from B; null when A with it cannot be evaluated (reason says why). */
  readonly costCnyPerMonth: number | null;
  readonly reason?: string;
}

export interface InputShare {
  readonly input: string;
  /** Cost with this input from B minus A's cost (decimal of the two figures, so the parts add up exactly). */
  readonly deltaCostCnyPerMonth: number | null;
  /** delta ÷ (B − A); null when A and B cost the same or the substitution could not be evaluated. */
  readonly shareOfDifference: number | null;
  readonly reason?: string;
}

export interface DifferenceAttribution {
  readonly differenceCostCnyPerMonth: number;
  /** Largest |delta| first. */
  readonly attribution: readonly InputShare[];
  /** B − A minus the single-input deltas: what the inputs do only together (and any input that could not be tried alone). */
  readonly interactionCostCnyPerMonth: number;
  readonly interactionShareOfDifference: number | null;
}

/**
 * One-at-a-time attribution of B − A: each changed input of B applied alone to A; the rest of the
 * difference is interaction. Sums are decimal, so Σ deltas + interaction = B − A exactly as printed.
 * @example A ¥100, B ¥200, price alone ¥200 → price 100 %, interaction 0.
 */
export function attributeDifference(costA: number, costB: number, effects: readonly InputEffect[]): DifferenceAttribution {
  const difference = dec(costB).minus(costA);
  const share = (d: MoneyDecimal) => (difference.isZero() ? null : d.div(difference).toNumber());
  let explained = dec(0);
  const attribution = effects.map((e): InputShare => {
    if (e.costCnyPerMonth === null) return { input: e.input, deltaCostCnyPerMonth: null, shareOfDifference: null, ...(e.reason ? { reason: e.reason } : {}) };
    const delta = dec(e.costCnyPerMonth).minus(costA);
    explained = explained.plus(delta);
    return { input: e.input, deltaCostCnyPerMonth: delta.toNumber(), shareOfDifference: share(delta) };
  });
  attribution.sort((x, y) => Math.abs(y.deltaCostCnyPerMonth ?? 0) - Math.abs(x.deltaCostCnyPerMonth ?? 0) || x.input.localeCompare(y.input));
  const interaction = difference.minus(explained);
  return {
    differenceCostCnyPerMonth: difference.toNumber(),
    attribution,
    interactionCostCnyPerMonth: interaction.toNumber(),
    interactionShareOfDifference: share(interaction),
  };
}
