import { CENTRAL, deterministicMonths, prepareForecast, type CentralMultipliers, type PreparedForecast } from './forecast.js';
import type { ForecastSpec, MonthFigures } from './types.js';

export const SENSITIVITY_INPUTS = [
  'startDau',
  'growthRate',
  'tokensPerUser',
  'tokensPerUserGrowth',
  'gpuHourPrice',
  'efficiency',
  'targetUtilization',
  'powerPrice',
] as const;
export type SensitivityInput = (typeof SENSITIVITY_INPUTS)[number];

const MULTIPLIER_OF: Record<SensitivityInput, keyof CentralMultipliers> = {
  startDau: 'startDauMultiplier',
  growthRate: 'growthRateMultiplier',
  tokensPerUser: 'tokensPerUserMultiplier',
  tokensPerUserGrowth: 'tokensPerUserGrowthMultiplier',
  gpuHourPrice: 'priceMultiplier',
  efficiency: 'efficiencyMultiplier',
  targetUtilization: 'targetUtilizationMultiplier',
  powerPrice: 'powerPriceMultiplier',
};

export interface TornadoBar {
  readonly input: SensitivityInput;
  /** The input at (1 − swing) and (1 + swing) × its central value. */
  readonly lowMultiplier: number;
  readonly highMultiplier: number;
  readonly costCnyPerDauPerMonthAtLow: number;
  readonly costCnyPerDauPerMonthAtHigh: number;
  readonly totalCostCnyAtLow: number;
  readonly totalCostCnyAtHigh: number;
  /** |high − low| of cost per DAU per month at the chosen month: the bar's width. */
  readonly swingCnyPerDauPerMonth: number;
  /**
   * Arc elasticity of cost per DAU per month: ((high − low) / central) / (2 × swing).
   * 1 = proportional; −1 = inversely proportional; 0 = no effect.
   */
  readonly elasticity: number;
}

export interface SensitivityResult {
  readonly month: number;
  readonly swingFraction: number;
  readonly centralCostCnyPerDauPerMonth: number;
  readonly centralTotalCostCny: number;
  /** Widest bar first. */
  readonly tornado: readonly TornadoBar[];
  readonly notes: readonly string[];
}

const total = (months: readonly MonthFigures[]) => months.reduce((sum, m) => sum + m.costCnyPerMonth, 0);

/**
 * One-at-a-time sensitivity of the deterministic forecast: each input moved to (1 ± swing) × its
 * central value with all others central; the change in cost per DAU per month at `month` (default
 * the last) and in total cost over the horizon. Inputs that cannot move the cost (power price
 * without a power spec, token growth at 0 %) show zero width, not absence.
 *
 * @throws RangeError naming the field ('swingFraction: …', 'month: …').
 * @example doubling the GPU-hour price doubles GPU cost: elasticity 1 without power cost.
 */
export function forecastSensitivity(spec: ForecastSpec | PreparedForecast, options: { swingFraction?: number; month?: number } = {}): SensitivityResult {
  const prepared = 'stepOfMonth' in spec ? spec : prepareForecast(spec);
  const swing = options.swingFraction ?? 0.2;
  if (typeof swing !== 'number' || !(swing > 0 && swing < 1)) throw new RangeError(`swingFraction: must be a number in (0, 1), got ${String(swing)}`);
  const month = options.month ?? prepared.months;
  if (!Number.isInteger(month) || month < 1 || month > prepared.months) throw new RangeError(`month: must be an integer from 1 to ${prepared.months}, got ${String(month)}`);
  const central = deterministicMonths(prepared);
  const centralPerDau = central[month - 1]!.costCnyPerDauPerMonth;
  const centralTotal = total(central);
  const bars = SENSITIVITY_INPUTS.map((input): TornadoBar => {
    const key = MULTIPLIER_OF[input];
    const at = (factor: number) => deterministicMonths(prepared, { ...CENTRAL, [key]: factor });
    const low = at(1 - swing);
    const high = at(1 + swing);
    const lowPerDau = low[month - 1]!.costCnyPerDauPerMonth;
    const highPerDau = high[month - 1]!.costCnyPerDauPerMonth;
    return {
      input,
      lowMultiplier: 1 - swing,
      highMultiplier: 1 + swing,
      costCnyPerDauPerMonthAtLow: lowPerDau,
      costCnyPerDauPerMonthAtHigh: highPerDau,
      totalCostCnyAtLow: total(low),
      totalCostCnyAtHigh: total(high),
      swingCnyPerDauPerMonth: Math.abs(highPerDau - lowPerDau),
      elasticity: centralPerDau > 0 ? (highPerDau - lowPerDau) / centralPerDau / (2 * swing) : 0,
    };
  });
  bars.sort((a, b) => b.swingCnyPerDauPerMonth - a.swingCnyPerDauPerMonth || a.input.localeCompare(b.input));
  return {
    month,
    swingFraction: swing,
    centralCostCnyPerDauPerMonth: centralPerDau,
    centralTotalCostCny: centralTotal,
    tornado: bars,
    notes: [
      'targetUtilization is capped at 1 on the high side.',
      'Replica rounding makes small swings step-like: elasticities are arc elasticities over ± swing.',
    ],
  };
}
