import type { GpuSpec } from '../../../catalog/src/index.js';
import type { Currency, ExchangeRate, Money, MoneyBand } from '../money/money.js';
import type { QuantizationChoice, ScenarioSpec } from '../what-if/types.js';

/** DAU over months m = 0, 1, 2… where month 0 is startDau. */
export type GrowthCurve =
  | { readonly kind: 'linear'; readonly startDau: number; readonly dauPerMonth: number }
  | { readonly kind: 'exponential'; readonly startDau: number; readonly monthlyGrowthFraction: number }
  | {
      readonly kind: 'logistic';
      readonly startDau: number;
      readonly ceilingDau: number;
      /** r in D(m) = C / (1 + ((C − D0)/D0)·e^(−r·m)), per month. */
      readonly monthlyGrowthRate: number;
    };

export type GrowthKind = GrowthCurve['kind'];

/** Tokens one active user causes per day (prompt + output), and how sure we are of it. */
export interface TokensPerUserSpec {
  /** Arithmetic mean of the lognormal (source report: about 100 000; heavy users pull the mean above the median). */
  readonly meanTokensPerUserPerDay: number;
  /** Log-space σ of the lognormal over the population mean; 0 = known exactly. */
  readonly uncertaintySigma: number;
  /** Tokens per user grow by this fraction each month (longer documents, agents). */
  readonly monthlyGrowthFraction: number;
}

/** From `fromMonth` on, serve on this hardware / format (e.g. A100 → H20 in month 6, INT8 → INT4 in month 9). */
export interface HardwareStep {
  readonly fromMonth: number;
  readonly gpu?: string | GpuSpec;
  readonly quantization?: QuantizationChoice;
  readonly tensorParallelSize?: number;
  /** Reserved (committed) GPUs from this month on; the rest is on demand. */
  readonly reservedGpus?: number;
  /** Reserved GPU-hour price from this month on; on-demand follows at the scenario's premium unless given. */
  readonly reservedCnyPerGpuHour?: number;
  readonly onDemandCnyPerGpuHour?: number;
}

/** Electricity: board power (GpuSpec.boardPowerWatts) × PUE × price, on every paid GPU-hour. */
export interface PowerSpec {
  /** Power usage effectiveness of the data centre, ≥ 1 (1.1–1.6 typical). */
  readonly pue: number;
  readonly cnyPerKwh: number;
}

/** Log-space σ of multipliers with median 1 (0 = no uncertainty). */
export interface UncertaintySpec {
  /** Multiplies the growth curve's rate (slope, growth fraction or logistic rate). */
  readonly growthRateSigma: number;
  /** Multiplies every GPU-hour price. */
  readonly gpuHourPriceSigma: number;
  /**
   * Multiplies per-replica throughput at the SLO (efficiency coefficients: step time ∝ 1/η in the
   * binding regime, so throughput ∝ η).
   */
  readonly efficiencySigma: number;
}

export interface ForecastSpec {
  /** What-if scenario of month 0 (model, GPU, formats, deployment, request shape, SLO, pricing, efficiency). Its DAU and tokens are replaced month by month. */
  readonly scenario: ScenarioSpec;
  /** Forecast horizon, months 1..months. */
  readonly months: number;
  readonly growth: GrowthCurve;
  readonly tokensPerUser?: Partial<TokensPerUserSpec>;
  readonly hardwareSteps?: readonly HardwareStep[];
  readonly power?: PowerSpec;
  readonly uncertainty?: Partial<UncertaintySpec>;
  /** Monte Carlo samples N. */
  readonly samples: number;
  readonly seed: number;
  /** Monthly budget in CNY, month 1 first; a shorter series repeats its last value. */
  readonly budgetCnyPerMonth?: readonly number[];
  /** Currency of the result's `money` blocks (default CNY); the *Cny number fields stay in CNY. */
  readonly currency?: Currency;
  /** Dated CNY-per-USD rate (default DEFAULT_EXCHANGE_RATE); must agree with scenario.pricing.cnyPerUsd when both are given. */
  readonly exchangeRate?: ExchangeRate;
  /**
   * Where inputs were loaded from by the caller (a calibration profile's coefficients and residual
   * spread, an autoscaling plan's GPU-hours), appended to the result's `method` so a stored forecast
   * says which stored objects shaped it.
   */
  readonly sources?: readonly string[];
  /**
   * Supply from an autoscaling plan instead of hour-by-hour replicas: each day pays
   * ceil(peak GPUs × 24 × gpuHoursFractionOfStaticPeak) GPU-hours (reserved GPUs all day, the rest
   * on demand), the fraction being the plan's GPU-hours ÷ static-peak GPU-hours of the same day.
   */
  readonly autoscaling?: AutoscaledSupply;
}

/** A policy's GPU-hours relative to provisioning the day's peak all day (a plan's 1 − saving). */
export interface AutoscaledSupply {
  /** Plan GPU-hours ÷ static-peak GPU-hours, in (0, 4]. */
  readonly gpuHoursFractionOfStaticPeak: number;
}

/** P10 / P50 / P90 (linear interpolation between order statistics, R type 7) and the mean. */
export interface Band {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly mean: number;
}

/** One month of one sample (or of the deterministic forecast). */
export interface MonthFigures {
  readonly month: number;
  readonly dau: number;
  readonly tokensPerUserPerDay: number;
  readonly tokensPerDay: number;
  /** GPUs at the busiest hour. */
  readonly gpusAtPeak: number;
  /** Paid GPU-hours in a 30-day month (reserved all day + on demand). */
  readonly gpuHoursPerMonth: number;
  readonly reservedGpuHoursPerMonth: number;
  /** Paid but idle reserved GPU-hours (OpenCost's idle cost basis). */
  readonly idleReservedGpuHoursPerMonth: number;
  readonly gpuCostCnyPerMonth: number;
  readonly powerCostCnyPerMonth: number;
  readonly costCnyPerMonth: number;
  readonly costCnyPerDauPerMonth: number;
  /** Allocation basis: paid cost over all tokens served. */
  readonly costCnyPerMillionTokens: number;
  /** Which hardware step (index into ForecastResult.hardware) served the month. */
  readonly hardwareStep: number;
  readonly onDemandGpuHoursPerMonth: number;
  /** GPU-hours actually busy serving (busy replica-hours × GPUs per replica), before headroom and rounding. */
  readonly busyGpuHoursPerMonth: number;
  /** Share of busy time spent in prefill: the part of cost allocated to input tokens. */
  readonly prefillBusyFraction: number;
  readonly inputTokensPerDay: number;
}

export interface ForecastMonth {
  readonly month: number;
  readonly dau: Band;
  readonly tokensPerUserPerDay: Band;
  readonly gpusAtPeak: Band;
  readonly gpuHoursPerMonth: Band;
  readonly costCnyPerMonth: Band;
  readonly costCnyPerDauPerMonth: Band;
  readonly costCnyPerMillionTokens: Band;
  /** All uncertain inputs at their central values (mean tokens per user, multipliers 1). */
  readonly deterministic: MonthFigures;
  /** The month's money in the requested currency, as decimal strings. */
  readonly money: MonthMoney;
}

/** Cost per million input and output tokens on one basis (null when the month serves no such tokens). */
export interface TokenCosts {
  readonly costPerMillionInputTokens: Money | null;
  readonly costPerMillionOutputTokens: Money | null;
}

/**
 * The commitment rule: reserved GPUs at discount d = 1 − reserved ÷ on-demand price pay off only
 * when more than 1 − d of their hours would otherwise have been rented on demand.
 */
export interface CommitmentVerdict {
  readonly reservedGpus: number;
  readonly reservedGpuHoursPerMonth: number;
  /** Reserved GPU-hours the month's replicas used (the rest is idle reservation). */
  readonly usedReservedGpuHoursPerMonth: number;
  readonly utilizationFraction: number;
  readonly discountFraction: number;
  /** 1 − d: the utilisation above which the commitment is cheaper than on demand. */
  readonly breakEvenUtilizationFraction: number;
  /** utilizationFraction > breakEvenUtilizationFraction. */
  readonly pays: boolean;
  /** On-demand cost of the used reserved hours − the commitment's cost; negative = the commitment loses money. */
  readonly savingsVsOnDemand: Money;
}

/** Deterministic (central) month in OpenCost's vocabulary, decimal money from integer GPU-hours × prices. */
export interface DeterministicMonthMoney {
  readonly gpuCost: Money;
  readonly powerCost: Money;
  readonly cost: Money;
  readonly costPerDauPerMonth: Money;
  readonly costPerMillionTokens: Money | null;
  /** Busy GPU-hours ÷ paid GPU-hours. */
  readonly utilizationFraction: number;
  readonly paidGpuHoursPerMonth: number;
  readonly busyGpuHoursPerMonth: number;
  readonly idleGpuHoursPerMonth: number;
  /** Cost of the busy share of paid capacity: cost × utilisation. */
  readonly usageCost: Money;
  /** Capacity paid for and not used: cost × (1 − utilisation). */
  readonly idleCost: Money;
  /** All paid cost spread over the tokens served (what break-even against an API price must use). */
  readonly allocationBasis: TokenCosts;
  /** Only the busy share of cost over the tokens served. */
  readonly usageBasis: TokenCosts;
  /** null without reserved GPUs. */
  readonly commitment: CommitmentVerdict | null;
}

export interface MonthMoney {
  readonly currency: Currency;
  readonly costPerMonth: MoneyBand;
  readonly costPerDauPerMonth: MoneyBand;
  readonly costPerMillionTokens: MoneyBand;
  readonly deterministic: DeterministicMonthMoney;
}

/** Totals in the requested currency. */
export interface ResultMoney {
  readonly currency: Currency;
  readonly exchangeRate: ExchangeRate;
  /** Per-sample totals summed in integer fen, then P10 / P50 / P90. */
  readonly totalCost: MoneyBand;
  /** Σ of the deterministic months' exact decimal costs, rounded once. */
  readonly deterministicTotalCost: Money;
  readonly deterministicTotalIdleCost: Money;
}

export interface HardwareStepSummary {
  readonly fromMonth: number;
  readonly gpuId: string;
  readonly weights: string;
  readonly tensorParallelSize: number;
  readonly prefillTokensPerSecondPerReplica: number;
  readonly decodeTokensPerSecondPerReplica: number;
  readonly bindingLimit: string;
  readonly reservedGpus: number;
  readonly reservedCnyPerGpuHour: number;
  readonly onDemandCnyPerGpuHour: number;
  readonly boardPowerWatts: number;
}

export interface BudgetVerdict {
  readonly budgetCnyPerMonth: readonly number[];
  readonly monthsP50OverBudget: readonly number[];
  readonly monthsP90OverBudget: readonly number[];
  /** First month whose P50 cost exceeds the budget; null when none does. */
  readonly firstMonthP50OverBudget: number | null;
  /** Budget of that month ÷ P50 cost per DAU that month: the DAU the budget pays for. */
  readonly dauAtBudgetRunOut: number | null;
}

export interface UnitEconomics {
  readonly month: number;
  readonly breakEvenCnyPerMillionTokens: number;
  readonly breakEvenCnyPerSubscriberPerMonth: number;
  /** List price per million tokens blended by the request shape's input/output split. */
  readonly listCnyPerMillionTokens: number;
  /** (list − break-even) / list; null when the list price is 0. */
  readonly marginFraction: number | null;
}

export interface ForecastResult {
  readonly samples: number;
  readonly seed: number;
  readonly monthsCount: number;
  /** Currency of the *Cny number fields (always CNY); the requested currency is money.currency. */
  readonly currency: 'CNY';
  readonly cnyPerUsd: number;
  readonly reportingCurrency: Currency;
  readonly exchangeRate: ExchangeRate;
  readonly money: ResultMoney;
  readonly hardware: readonly HardwareStepSummary[];
  readonly months: readonly ForecastMonth[];
  readonly totalCostCny: Band;
  readonly budget: BudgetVerdict | null;
  readonly unitEconomics: UnitEconomics;
  /** How the numbers were made (approximations stated). */
  readonly method: readonly string[];
  readonly warnings: readonly string[];
}
