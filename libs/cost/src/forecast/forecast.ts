import { lognormalMuForMean, mulberry32, standardNormalSource } from '../random/seeded-random.js';
import {
  DEFAULT_EXCHANGE_RATE,
  dec,
  money,
  moneyBand,
  UNIT_COST_PLACES,
  validateCurrency,
  validateExchangeRate,
  type Currency,
  type ExchangeRate,
} from '../money/money.js';
import { deterministicMonthMoney, monthCostCny } from './month-money.js';
import { dauAtMonth, validateGrowthCurve } from './growth.js';
import { DEFAULT_TOKENS_PER_USER, DEFAULT_UNCERTAINTY, MAX_FORECAST_MONTHS, MAX_FORECAST_SAMPLES } from './defaults.js';
import { percentilesBySelection } from './percentile.js';
import { monthFigures, prepareSteps, sampleMonthInto, UNIT_MULTIPLIERS, type PreparedStep, type SampleMultipliers } from './supply.js';
import type {
  Band,
  BudgetVerdict,
  ForecastMonth,
  ForecastResult,
  ForecastSpec,
  GrowthCurve,
  MonthFigures,
  PowerSpec,
  TokensPerUserSpec,
  UncertaintySpec,
  UnitEconomics,
} from './types.js';

/** A forecast spec checked, defaults filled, every hardware step evaluated once. */
export interface PreparedForecast {
  readonly spec: ForecastSpec;
  readonly months: number;
  readonly growth: GrowthCurve;
  readonly tokensPerUser: TokensPerUserSpec;
  readonly uncertainty: UncertaintySpec;
  readonly power: PowerSpec | undefined;
  readonly steps: readonly PreparedStep[];
  /** Index into steps for months 1..months (stepOfMonth[m − 1]). */
  readonly stepOfMonth: readonly number[];
  readonly currency: Currency;
  readonly exchangeRate: ExchangeRate;
  /** spec.autoscaling's fraction of static-peak GPU-hours; null = hour-by-hour replicas. */
  readonly autoscaledFraction: number | null;
}

/**
 * The forecast's currency and dated rate. A scenario that sets pricing.cnyPerUsd must agree with
 * the forecast's rate: one forecast, one rate, so no figure is converted at a rate it does not show.
 */
function resolveCurrency(spec: ForecastSpec): { currency: Currency; exchangeRate: ExchangeRate } {
  const currency = spec.currency ?? 'CNY';
  validateCurrency(currency);
  if (spec.exchangeRate !== undefined) validateExchangeRate(spec.exchangeRate);
  const exchangeRate = spec.exchangeRate ?? DEFAULT_EXCHANGE_RATE;
  const scenarioRate = spec.scenario?.pricing?.cnyPerUsd;
  if (scenarioRate !== undefined && scenarioRate !== exchangeRate.cnyPerUsd) {
    throw spec.exchangeRate !== undefined
      ? new RangeError(`exchangeRate.cnyPerUsd: ${exchangeRate.cnyPerUsd} differs from scenario.pricing.cnyPerUsd ${scenarioRate}; give one rate`)
      : new RangeError(`exchangeRate: required (cnyPerUsd, asOf, source) when scenario.pricing.cnyPerUsd ${scenarioRate} differs from the default rate ${exchangeRate.cnyPerUsd} of ${exchangeRate.asOf}`);
  }
  return { currency, exchangeRate };
}

function integerIn(value: number, field: string, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${field}: must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

function nonNegative(value: number, field: string, max = Number.MAX_VALUE): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    throw new RangeError(`${field}: must be a finite number from 0 to ${max}, got ${String(value)}`);
  }
}

function overlay<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const result: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  if (given) for (const [key, value] of Object.entries(given)) if (value !== undefined) result[key] = value;
  return result as T;
}

/**
 * Validates a forecast spec, fills defaults and evaluates capacity once per hardware step.
 * @throws RangeError naming the field ('months: …', 'growth.startDau: …', 'hardwareSteps[0].fromMonth: …').
 */
export function prepareForecast(spec: ForecastSpec): PreparedForecast {
  if (spec === null || typeof spec !== 'object') throw new RangeError(`forecast: must be an object, got ${String(spec)}`);
  integerIn(spec.months, 'months', 1, MAX_FORECAST_MONTHS);
  integerIn(spec.samples, 'samples', 1, MAX_FORECAST_SAMPLES);
  integerIn(spec.seed, 'seed', 0, 0xffffffff);
  const { currency, exchangeRate } = resolveCurrency(spec);
  validateGrowthCurve(spec.growth);
  const tokensPerUser = overlay(DEFAULT_TOKENS_PER_USER, spec.tokensPerUser);
  if (!(tokensPerUser.meanTokensPerUserPerDay > 0) || !Number.isFinite(tokensPerUser.meanTokensPerUserPerDay)) {
    throw new RangeError(`tokensPerUser.meanTokensPerUserPerDay: must be a finite number > 0, got ${String(tokensPerUser.meanTokensPerUserPerDay)}`);
  }
  nonNegative(tokensPerUser.uncertaintySigma, 'tokensPerUser.uncertaintySigma', 3);
  if (!(tokensPerUser.monthlyGrowthFraction > -1) || !Number.isFinite(tokensPerUser.monthlyGrowthFraction)) {
    throw new RangeError(`tokensPerUser.monthlyGrowthFraction: must be a finite number > -1, got ${String(tokensPerUser.monthlyGrowthFraction)}`);
  }
  const uncertainty = overlay(DEFAULT_UNCERTAINTY, spec.uncertainty);
  nonNegative(uncertainty.growthRateSigma, 'uncertainty.growthRateSigma', 3);
  nonNegative(uncertainty.gpuHourPriceSigma, 'uncertainty.gpuHourPriceSigma', 3);
  nonNegative(uncertainty.efficiencySigma, 'uncertainty.efficiencySigma', 3);
  const power = spec.power;
  if (power !== undefined) {
    if (power === null || typeof power !== 'object') throw new RangeError(`power: must be an object, got ${String(power)}`);
    if (!(power.pue >= 1) || !Number.isFinite(power.pue)) throw new RangeError(`power.pue: must be a finite number ≥ 1, got ${String(power.pue)}`);
    nonNegative(power.cnyPerKwh, 'power.cnyPerKwh');
  }
  const steps = spec.hardwareSteps ?? [];
  if (!Array.isArray(steps)) throw new RangeError('hardwareSteps: must be an array');
  let previous = 1;
  steps.forEach((step, i) => {
    integerIn(step.fromMonth, `hardwareSteps[${i}].fromMonth`, previous + 1, spec.months);
    previous = step.fromMonth;
  });
  if (spec.sources !== undefined && (!Array.isArray(spec.sources) || spec.sources.some((x) => typeof x !== 'string'))) {
    throw new RangeError('sources: must be an array of strings');
  }
  if (spec.autoscaling !== undefined) {
    const f = spec.autoscaling?.gpuHoursFractionOfStaticPeak;
    if (typeof f !== 'number' || !Number.isFinite(f) || !(f > 0) || f > 4) {
      throw new RangeError(`autoscaling.gpuHoursFractionOfStaticPeak: must be a finite number in (0, 4], got ${String(f)}`);
    }
  }
  if (spec.budgetCnyPerMonth !== undefined) {
    if (!Array.isArray(spec.budgetCnyPerMonth) || spec.budgetCnyPerMonth.length === 0) throw new RangeError('budgetCnyPerMonth: must be a non-empty array');
    spec.budgetCnyPerMonth.forEach((b, i) => nonNegative(b, `budgetCnyPerMonth[${i}]`));
  }
  const scenario = { ...spec.scenario, pricing: { ...spec.scenario.pricing, cnyPerUsd: exchangeRate.cnyPerUsd } };
  const prepared = prepareSteps(scenario, steps, spec.growth.startDau, tokensPerUser.meanTokensPerUserPerDay);
  const stepOfMonth: number[] = [];
  for (let m = 1, s = 0; m <= spec.months; m++) {
    while (s < steps.length && steps[s]!.fromMonth <= m) s++;
    stepOfMonth.push(s);
  }
  const autoscaledFraction = spec.autoscaling ? spec.autoscaling.gpuHoursFractionOfStaticPeak : null;
  return { spec, months: spec.months, growth: spec.growth, tokensPerUser, uncertainty, power, steps: prepared, stepOfMonth, currency, exchangeRate, autoscaledFraction };
}

/** Central inputs a deterministic run varies (sensitivity, comparison); all 1 = the spec as given. */
export interface CentralMultipliers extends SampleMultipliers {
  readonly growthRateMultiplier: number;
  readonly startDauMultiplier: number;
  readonly tokensPerUserMultiplier: number;
  readonly tokensPerUserGrowthMultiplier: number;
}

export const CENTRAL: CentralMultipliers = Object.freeze({
  ...UNIT_MULTIPLIERS,
  growthRateMultiplier: 1,
  startDauMultiplier: 1,
  tokensPerUserMultiplier: 1,
  tokensPerUserGrowthMultiplier: 1,
});

/**
 * The forecast with every uncertain input at its central value: tokens per user at the lognormal's
 * mean, every multiplier 1 (zero variance).
 */
export function deterministicMonths(prepared: PreparedForecast, k: CentralMultipliers = CENTRAL): MonthFigures[] {
  const growth: GrowthCurve = { ...prepared.growth, startDau: prepared.growth.startDau * k.startDauMultiplier };
  const tpu = prepared.tokensPerUser;
  const result: MonthFigures[] = [];
  for (let m = 1; m <= prepared.months; m++) {
    const s = prepared.stepOfMonth[m - 1]!;
    const dau = dauAtMonth(growth, m, k.growthRateMultiplier);
    const tokens = tpu.meanTokensPerUserPerDay * k.tokensPerUserMultiplier * Math.pow(1 + tpu.monthlyGrowthFraction * k.tokensPerUserGrowthMultiplier, m);
    result.push(monthFigures(prepared.steps[s]!, s, m, dau, tokens, prepared.power, k, prepared.autoscaledFraction));
  }
  return result;
}

const roundCents = (cny: number) => Math.round(cny * 100) / 100;

const BAND_PS = [0.1, 0.5, 0.9] as const;

/** Unrounded P10 / P50 / P90 and mean (the mean summed in sample order; then `values` is reordered). */
function rawBand(values: Float64Array): Band {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const [p10, p50, p90] = percentilesBySelection(values, BAND_PS) as [number, number, number];
  return { p10, p50, p90, mean: sum / values.length };
}

const mapBand = (b: Band, f: (x: number) => number): Band => ({ p10: f(b.p10), p50: f(b.p50), p90: f(b.p90), mean: f(b.mean) });

/** Money in a Monte Carlo sample's total is summed in integer fen: exact while below 2^53 fen (≈ ¥9 × 10^13). */
const FEN_PER_CNY = 100;

const METRICS = ['dau', 'tokensPerUserPerDay', 'gpusAtPeak', 'gpuHoursPerMonth', 'costCnyPerMonth', 'costCnyPerDauPerMonth', 'costCnyPerMillionTokens'] as const;
const MONEY = new Set<string>(['costCnyPerMonth', 'costCnyPerDauPerMonth', 'costCnyPerMillionTokens']);

/**
 * Budget verdict from monthly P50 / P90 cost: the months over budget and the DAU the budget pays
 * for in the first month P50 exceeds it (budget ÷ P50 cost per DAU that month; cost is close to
 * linear in DAU at fleet scale, replica rounding aside).
 */
export function budgetVerdict(months: readonly ForecastMonth[], budgetCnyPerMonth: readonly number[]): BudgetVerdict {
  const budgetOf = (m: number) => budgetCnyPerMonth[Math.min(m - 1, budgetCnyPerMonth.length - 1)]!;
  const p50Over = months.filter((x) => x.costCnyPerMonth.p50 > budgetOf(x.month)).map((x) => x.month);
  const p90Over = months.filter((x) => x.costCnyPerMonth.p90 > budgetOf(x.month)).map((x) => x.month);
  const first = p50Over.length > 0 ? p50Over[0]! : null;
  const firstMonth = first === null ? null : months.find((x) => x.month === first)!;
  return {
    budgetCnyPerMonth: [...budgetCnyPerMonth],
    monthsP50OverBudget: p50Over,
    monthsP90OverBudget: p90Over,
    firstMonthP50OverBudget: first,
    dauAtBudgetRunOut: firstMonth && firstMonth.costCnyPerDauPerMonth.p50 > 0 ? Math.floor(budgetOf(first!) / firstMonth.costCnyPerDauPerMonth.p50) : null,
  };
}

/**
 * Break-even prices on the allocation basis (everything paid for, idle included, over tokens
 * served) and the margin against the list price blended by the request shape's input/output split.
 *
 * @example ¥3 000 000 a month for 1 M DAU × 100 000 tokens × 30 days = 3 000 000 M tokens →
 *   ¥1 per million tokens, ¥3 per subscriber a month.
 */
export function unitEconomics(figures: MonthFigures, listCnyPerMillionTokens: number, subscribersPerDau = 1): UnitEconomics {
  if (!(subscribersPerDau > 0) || !Number.isFinite(subscribersPerDau)) throw new RangeError(`subscribersPerDau: must be a finite number > 0, got ${String(subscribersPerDau)}`);
  const millionTokensPerMonth = (figures.tokensPerDay * 30) / 1e6;
  const breakEven = millionTokensPerMonth > 0 ? figures.costCnyPerMonth / millionTokensPerMonth : 0;
  return {
    month: figures.month,
    breakEvenCnyPerMillionTokens: roundCents(breakEven),
    breakEvenCnyPerSubscriberPerMonth: roundCents(figures.costCnyPerMonth / (figures.dau * subscribersPerDau)),
    listCnyPerMillionTokens,
    marginFraction: listCnyPerMillionTokens > 0 ? (listCnyPerMillionTokens - breakEven) / listCnyPerMillionTokens : null,
  };
}

/**
 * Runs the Monte Carlo forecast. Each of N samples draws, in this order, four standard normals
 * (growth rate, tokens per user, GPU-hour price, efficiency) and walks the months; percentiles
 * are taken per month across samples. Reproducible: the same spec and seed give the same result,
 * byte for byte.
 *
 * Speed: capacity is evaluated once per hardware step (evaluateWhatIf), not per sample: replicas
 * at the SLO scale with demand, so each sample-month costs 24 ceilings (see supply.ts), written
 * into a scratch array (sampleMonthInto) rather than a fresh object.
 *
 * @throws RangeError naming the field for an invalid spec.
 */
export function runForecast(spec: ForecastSpec): ForecastResult {
  const prepared = prepareForecast(spec);
  const { months, tokensPerUser: tpu, uncertainty: u, steps, stepOfMonth, power, autoscaledFraction } = prepared;
  const n = spec.samples;
  const normal = standardNormalSource(mulberry32(spec.seed));
  const columns = METRICS.map(() => Array.from({ length: months }, () => new Float64Array(n)));
  const totals = new Float64Array(n);
  const muTokens = lognormalMuForMean(tpu.meanTokensPerUserPerDay, tpu.uncertaintySigma);
  const growth = prepared.growth;
  const k = { ...UNIT_MULTIPLIERS };
  const scratch = new Float64Array(5);
  for (let i = 0; i < n; i++) {
    const growthMultiplier = Math.exp(u.growthRateSigma * normal());
    const tokensMean = Math.exp(muTokens + tpu.uncertaintySigma * normal());
    k.priceMultiplier = Math.exp(u.gpuHourPriceSigma * normal());
    k.efficiencyMultiplier = Math.exp(u.efficiencySigma * normal());
    let total = 0;
    for (let m = 1; m <= months; m++) {
      const s = stepOfMonth[m - 1]!;
      const dau = dauAtMonth(growth, m, growthMultiplier);
      const tokens = tokensMean * Math.pow(1 + tpu.monthlyGrowthFraction, m);
      sampleMonthInto(steps[s]!, dau, tokens, power, k, scratch, autoscaledFraction);
      const row = m - 1;
      columns[0]![row]![i] = dau;
      columns[1]![row]![i] = tokens;
      columns[2]![row]![i] = scratch[0]!;
      columns[3]![row]![i] = scratch[1]!;
      columns[4]![row]![i] = scratch[2]!;
      columns[5]![row]![i] = scratch[3]!;
      columns[6]![row]![i] = scratch[4]!;
      total += Math.round(scratch[2]! * FEN_PER_CNY);
    }
    totals[i] = total;
  }
  const { currency, exchangeRate: rate } = prepared;
  const deterministic = deterministicMonths(prepared);
  let exactTotal = dec(0);
  let exactIdle = dec(0);
  const monthRows: ForecastMonth[] = deterministic.map((d, row) => {
    const raw = Object.fromEntries(METRICS.map((metric, c) => [metric, rawBand(columns[c]![row]!)])) as Record<(typeof METRICS)[number], Band>;
    const bands = Object.fromEntries(METRICS.map((metric) => [metric, MONEY.has(metric) ? mapBand(raw[metric], roundCents) : raw[metric]])) as Record<(typeof METRICS)[number], Band>;
    const step = steps[d.hardwareStep]!;
    const detMoney = deterministicMonthMoney(step, d, power, currency, rate);
    const cny = monthCostCny(step, d, power);
    exactTotal = exactTotal.plus(cny.total);
    exactIdle = exactIdle.plus(cny.total.minus(cny.total.times(detMoney.utilizationFraction)));
    return {
      month: row + 1,
      ...bands,
      deterministic: d,
      money: {
        currency,
        costPerMonth: moneyBand(raw.costCnyPerMonth, currency, rate),
        costPerDauPerMonth: moneyBand(raw.costCnyPerDauPerMonth, currency, rate, UNIT_COST_PLACES),
        costPerMillionTokens: moneyBand(raw.costCnyPerMillionTokens, currency, rate, UNIT_COST_PLACES),
        deterministic: detMoney,
      },
    };
  });
  const last = deterministic[deterministic.length - 1]!;
  const warnings: string[] = [];
  const totalsFen = rawBand(totals);
  if (totals.some((fen) => !Number.isSafeInteger(fen))) warnings.push('Sample totals exceed 2^53 fen: the total cost band is no longer exact to the fen.');
  if (n < 1000) warnings.push(`Only ${n} samples: P10 / P90 move by several percent from seed to seed; use ≥ 10 000 for a decision.`);
  return {
    samples: n,
    seed: spec.seed,
    monthsCount: months,
    currency: 'CNY',
    cnyPerUsd: steps[0]!.cnyPerUsd,
    reportingCurrency: currency,
    exchangeRate: rate,
    money: {
      currency,
      exchangeRate: rate,
      totalCost: moneyBand(
        { p10: dec(totalsFen.p10).div(FEN_PER_CNY), p50: dec(totalsFen.p50).div(FEN_PER_CNY), p90: dec(totalsFen.p90).div(FEN_PER_CNY), mean: dec(totalsFen.mean).div(FEN_PER_CNY) },
        currency,
        rate,
      ),
      deterministicTotalCost: money(exactTotal, currency, rate),
      deterministicTotalIdleCost: money(exactIdle, currency, rate),
    },
    hardware: steps.map((s) => s.summary),
    months: monthRows,
    totalCostCny: mapBand(totalsFen, (fen) => roundCents(fen / FEN_PER_CNY)),
    budget: spec.budgetCnyPerMonth ? budgetVerdict(monthRows, spec.budgetCnyPerMonth) : null,
    unitEconomics: unitEconomics(last, steps[stepOfMonth[months - 1]!]!.listCnyPerMillionTokens),
    method: [
      'Capacity: evaluateWhatIf once per hardware step; replicas per hour = max(1, ceil(busy / target utilisation)), busy linear in tokens per day (throughput per replica at the SLO does not depend on demand).',
      'Efficiency uncertainty multiplies per-replica throughput (step time ∝ 1/η in the binding regime).',
      'Tokens per user: lognormal over the population mean (per-user spread averages out at fleet scale).',
      'Month = 30 days; reserved GPUs paid all day, GPUs above them on demand; power on paid GPU-hours.',
      'Percentiles: linear interpolation between order statistics (type 7); money rounded to the cent.',
      'Money blocks: decimal strings in the requested currency (USD = CNY ÷ exchangeRate.cnyPerUsd), rounded half-up once; deterministic months are integer GPU-hours × decimal prices; each sample total is summed in integer fen.',
      ...(autoscaledFraction !== null
        ? [`Supply: paid GPU-hours a day = ceil(peak GPUs × 24 × ${autoscaledFraction}), the autoscaling plan's GPU-hours ÷ static peak, instead of hour-by-hour replicas; reserved GPUs paid all day, the rest on demand.`]
        : []),
      ...(spec.sources ?? []),
    ],
    warnings,
  };
}
