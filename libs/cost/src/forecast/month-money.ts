import { dec, money, UNIT_COST_PLACES, type Currency, type ExchangeRate, type Money, type MoneyDecimal } from '../money/money.js';
import { DAYS_PER_BILLING_MONTH } from '../figures/cost-figures.js';
import type { PreparedStep } from './supply.js';
import type { CommitmentVerdict, DeterministicMonthMoney, MonthFigures, PowerSpec, TokenCosts } from './types.js';

/**
 * Prices are read to 6 places (a hundredth of a fen): that drops binary artefacts of derived prices
 * (¥12.96 × 1.5 on demand) and moves no price anyone quotes.
 */
const PRICE_PLACES = 6;
const price = (x: number): MoneyDecimal => dec(x).toDecimalPlaces(PRICE_PLACES);

/** A month's money in CNY, exact: integer GPU-hours × decimal prices, power as kW × PUE × ¥/kWh on paid hours. */
export interface MonthCostCny {
  readonly gpu: MoneyDecimal;
  readonly power: MoneyDecimal;
  readonly total: MoneyDecimal;
  /** All-in price of one GPU-hour of electricity (0 without a power spec). */
  readonly powerPerGpuHour: MoneyDecimal;
}

/**
 * The deterministic month's cost in decimal (price and power multipliers 1, as the central forecast
 * has them): reserved GPU-hours × reserved price + on-demand GPU-hours × on-demand price, plus power.
 * @example 100 reserved GPUs at ¥9.87 for 30 days: 72 000 h × 9.87 = ¥710 640.00.
 */
export function monthCostCny(step: PreparedStep, f: MonthFigures, power: PowerSpec | undefined): MonthCostCny {
  const reservedHours = dec(f.reservedGpuHoursPerMonth);
  const onDemandHours = dec(f.onDemandGpuHoursPerMonth);
  const gpu = reservedHours.times(price(step.reservedCnyPerGpuHour)).plus(onDemandHours.times(price(step.onDemandCnyPerGpuHour)));
  const powerPerGpuHour = power ? dec(step.summary.boardPowerWatts).div(1000).times(price(power.pue)).times(price(power.cnyPerKwh)) : dec(0);
  const powerCost = reservedHours.plus(onDemandHours).times(powerPerGpuHour);
  return { gpu, power: powerCost, total: gpu.plus(powerCost), powerPerGpuHour };
}

/**
 * The commitment rule with all-in hourly prices (GPU price + power per GPU-hour; with no power
 * spec exactly OpenCost's rule): discount d = 1 − reserved ÷ on-demand; the commitment pays when
 * the reserved hours the replicas use, at on-demand prices, cost more than the commitment, i.e.
 * when utilisation > 1 − d. null without reserved GPUs.
 * @example 10 GPUs reserved at ¥6 against ¥10 on demand (d = 0.4), 6.5 of 10 used on average:
 *   utilisation 0.65 > 0.6, pays; savings 4 680 h × 10 − 7 200 h × 6 = ¥3 600.00 a month.
 */
export function commitmentVerdict(step: PreparedStep, f: MonthFigures, powerPerGpuHour: MoneyDecimal, currency: Currency, rate: ExchangeRate): CommitmentVerdict | null {
  if (step.reservedGpus <= 0 || f.reservedGpuHoursPerMonth <= 0) return null;
  const reservedHours = dec(f.reservedGpuHoursPerMonth);
  const usedHours = reservedHours.minus(f.idleReservedGpuHoursPerMonth);
  const reservedAllIn = price(step.reservedCnyPerGpuHour).plus(powerPerGpuHour);
  const onDemandAllIn = price(step.onDemandCnyPerGpuHour).plus(powerPerGpuHour);
  const commitmentCost = reservedHours.times(reservedAllIn);
  const onDemandCost = usedHours.times(onDemandAllIn);
  const breakEven = onDemandAllIn.gt(0) ? reservedAllIn.div(onDemandAllIn) : dec(1);
  return {
    reservedGpus: step.reservedGpus,
    reservedGpuHoursPerMonth: f.reservedGpuHoursPerMonth,
    usedReservedGpuHoursPerMonth: usedHours.toNumber(),
    utilizationFraction: usedHours.div(reservedHours).toNumber(),
    discountFraction: dec(1).minus(breakEven).toNumber(),
    breakEvenUtilizationFraction: breakEven.toNumber(),
    // Compared as amounts (no division), so a month exactly at break-even does not "pay".
    pays: onDemandCost.gt(commitmentCost),
    savingsVsOnDemand: money(onDemandCost.minus(commitmentCost), currency, rate),
  };
}

function tokenCosts(cost: MoneyDecimal, prefillFraction: number, inputTokens: number, outputTokens: number, currency: Currency, rate: ExchangeRate): TokenCosts {
  const per = (part: MoneyDecimal, tokens: number): Money | null => (tokens > 0 ? money(part.div(dec(tokens).div(1e6)), currency, rate, UNIT_COST_PLACES) : null);
  return {
    costPerMillionInputTokens: per(cost.times(prefillFraction), inputTokens),
    costPerMillionOutputTokens: per(cost.times(dec(1).minus(prefillFraction)), outputTokens),
  };
}

/**
 * A deterministic month in OpenCost's terms. Utilisation = busy GPU-hours ÷ paid GPU-hours (busy:
 * replica-hours the demand keeps busy at the SLO's throughput, × GPUs per replica). Usage cost =
 * cost × utilisation, idle cost the rest (headroom for the target utilisation, replica rounding,
 * reserved GPUs the hour does not need). Cost is split between input and output tokens by the
 * share of busy time in prefill and decode; allocation basis spreads all paid cost, usage basis
 * only the busy share.
 */
export function deterministicMonthMoney(step: PreparedStep, f: MonthFigures, power: PowerSpec | undefined, currency: Currency, rate: ExchangeRate): DeterministicMonthMoney {
  const cny = monthCostCny(step, f, power);
  const paidHours = f.gpuHoursPerMonth;
  const utilization = paidHours > 0 ? Math.min(1, f.busyGpuHoursPerMonth / paidHours) : 0;
  const usage = cny.total.times(utilization);
  const idle = cny.total.minus(usage);
  const days = DAYS_PER_BILLING_MONTH;
  const inputTokens = f.inputTokensPerDay * days;
  const outputTokens = (f.tokensPerDay - f.inputTokensPerDay) * days;
  const millionTokens = dec(f.tokensPerDay).times(days).div(1e6);
  return {
    gpuCost: money(cny.gpu, currency, rate),
    powerCost: money(cny.power, currency, rate),
    cost: money(cny.total, currency, rate),
    costPerDauPerMonth: money(f.dau > 0 ? cny.total.div(f.dau) : dec(0), currency, rate, UNIT_COST_PLACES),
    costPerMillionTokens: millionTokens.gt(0) ? money(cny.total.div(millionTokens), currency, rate, UNIT_COST_PLACES) : null,
    utilizationFraction: utilization,
    paidGpuHoursPerMonth: paidHours,
    busyGpuHoursPerMonth: f.busyGpuHoursPerMonth,
    idleGpuHoursPerMonth: Math.max(0, paidHours - f.busyGpuHoursPerMonth),
    usageCost: money(usage, currency, rate),
    idleCost: money(idle, currency, rate),
    allocationBasis: tokenCosts(cny.total, f.prefillBusyFraction, inputTokens, outputTokens, currency, rate),
    usageBasis: tokenCosts(usage, f.prefillBusyFraction, inputTokens, outputTokens, currency, rate),
    commitment: commitmentVerdict(step, f, cny.powerPerGpuHour, currency, rate),
  };
}
