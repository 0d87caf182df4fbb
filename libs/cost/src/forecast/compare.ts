import { deterministicMonths, prepareForecast } from './forecast.js';
import type { ForecastSpec, MonthFigures } from './types.js';

export interface ForecastSummary {
  readonly totalCostCny: number;
  readonly lastMonthCostCny: number;
  readonly lastMonthCostCnyPerDauPerMonth: number;
  readonly lastMonthGpusAtPeak: number;
  readonly lastMonthDau: number;
}

export interface Attribution {
  /** The input that differs between A and B ('growth', 'scenario.gpu', 'hardwareSteps', …). */
  readonly input: string;
  /** Total cost with only this input taken from B, minus A's total. */
  readonly deltaTotalCostCny: number;
  readonly deltaLastMonthCostCnyPerDauPerMonth: number;
}

export interface ForecastComparison {
  readonly a: ForecastSummary;
  readonly b: ForecastSummary;
  readonly differenceTotalCostCny: number;
  readonly differenceLastMonthCostCnyPerDauPerMonth: number;
  /** One-at-a-time substitutions of B's inputs into A, largest |delta| first. */
  readonly attribution: readonly Attribution[];
  /** Difference the single substitutions do not explain (inputs acting together). */
  readonly interactionTotalCostCny: number;
}

/** Inputs compared one at a time; scenario parts separately so "GPU changed" and "price changed" separate. */
const INPUT_PATHS = [
  'months',
  'growth',
  'tokensPerUser',
  'hardwareSteps',
  'power',
  'scenario.model',
  'scenario.gpu',
  'scenario.quantization',
  'scenario.deployment',
  'scenario.workload',
  'scenario.slo',
  'scenario.pricing',
  'scenario.efficiency',
] as const;

function get(spec: ForecastSpec, path: string): unknown {
  return path.startsWith('scenario.') ? (spec.scenario as unknown as Record<string, unknown>)[path.slice(9)] : (spec as unknown as Record<string, unknown>)[path];
}

function withInput(a: ForecastSpec, b: ForecastSpec, path: string): ForecastSpec {
  if (path.startsWith('scenario.')) return { ...a, scenario: { ...a.scenario, [path.slice(9)]: get(b, path) } };
  return { ...a, [path]: get(b, path) };
}

function summary(months: readonly MonthFigures[]): ForecastSummary {
  const last = months[months.length - 1]!;
  return {
    totalCostCny: months.reduce((s, m) => s + m.costCnyPerMonth, 0),
    lastMonthCostCny: last.costCnyPerMonth,
    lastMonthCostCnyPerDauPerMonth: last.costCnyPerDauPerMonth,
    lastMonthGpusAtPeak: last.gpusAtPeak,
    lastMonthDau: last.dau,
  };
}

const summarise = (spec: ForecastSpec) => summary(deterministicMonths(prepareForecast(spec)));

/**
 * Two forecasts side by side (deterministic, uncertain inputs central) with the difference
 * attributed to the inputs that changed: each changed input of B substituted into A alone. What the
 * single substitutions do not add up to is reported as interaction, not hidden.
 *
 * A hardware step list is one input; substituting a base GPU into A keeps A's steps.
 *
 * @throws RangeError naming the side and field ('b.months: …'), including when a substitution
 *   makes an invalid forecast ('a+hardwareSteps: …').
 */
export function compareForecasts(a: ForecastSpec, b: ForecastSpec): ForecastComparison {
  const prefix = (label: string, run: () => ForecastSummary) => {
    try {
      return run();
    } catch (error) {
      if (error instanceof RangeError) throw new RangeError(`${label}.${error.message}`);
      throw error;
    }
  };
  const sa = prefix('a', () => summarise(a));
  const sb = prefix('b', () => summarise(b));
  const attribution: Attribution[] = [];
  for (const path of INPUT_PATHS) {
    if (JSON.stringify(get(a, path)) === JSON.stringify(get(b, path))) continue;
    const s = prefix(`a+${path}`, () => summarise(withInput(a, b, path)));
    attribution.push({
      input: path,
      deltaTotalCostCny: s.totalCostCny - sa.totalCostCny,
      deltaLastMonthCostCnyPerDauPerMonth: s.lastMonthCostCnyPerDauPerMonth - sa.lastMonthCostCnyPerDauPerMonth,
    });
  }
  attribution.sort((x, y) => Math.abs(y.deltaTotalCostCny) - Math.abs(x.deltaTotalCostCny));
  const difference = sb.totalCostCny - sa.totalCostCny;
  return {
    a: sa,
    b: sb,
    differenceTotalCostCny: difference,
    differenceLastMonthCostCnyPerDauPerMonth: sb.lastMonthCostCnyPerDauPerMonth - sa.lastMonthCostCnyPerDauPerMonth,
    attribution,
    interactionTotalCostCny: difference - attribution.reduce((s, x) => s + x.deltaTotalCostCny, 0),
  };
}
