import type { ForecastMonth, ForecastResult, Money } from '../../libs/cost/src/index.js';

const BANDS = ['dau', 'gpusAtPeak', 'gpuHoursPerMonth', 'costCnyPerMonth', 'costCnyPerDauPerMonth', 'costCnyPerMillionTokens'] as const;

/** Money columns in the forecast's currency, copied as the result's decimal strings (never re-rendered doubles). */
const MONEY_COLUMNS: readonly [string, (m: ForecastMonth) => Money | string | null | undefined][] = [
  ['cost_p10', (m) => m.money?.costPerMonth.p10],
  ['cost_p50', (m) => m.money?.costPerMonth.p50],
  ['cost_p90', (m) => m.money?.costPerMonth.p90],
  ['deterministicCost', (m) => m.money?.deterministic.cost],
  ['deterministicIdleCost', (m) => m.money?.deterministic.idleCost],
  ['allocationCostPerMillionInputTokens', (m) => m.money?.deterministic.allocationBasis.costPerMillionInputTokens],
  ['allocationCostPerMillionOutputTokens', (m) => m.money?.deterministic.allocationBasis.costPerMillionOutputTokens],
  ['usageCostPerMillionInputTokens', (m) => m.money?.deterministic.usageBasis.costPerMillionInputTokens],
  ['usageCostPerMillionOutputTokens', (m) => m.money?.deterministic.usageBasis.costPerMillionOutputTokens],
];

const cell = (v: Money | string | null | undefined) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : v.amount);

/**
 * One row per month: P10 / P50 / P90 of each figure (CNY number columns), the deterministic
 * (central) CNY cost and hardware step as before; then the money columns in the forecast's
 * currency (the `currency` column names it) as decimal strings, the utilisation and whether the
 * month's reserved commitment pays. Forecasts stored before the money blocks leave those cells empty.
 */
export function forecastToCsv(result: ForecastResult): string {
  const header = [
    'month',
    ...BANDS.flatMap((b) => [`${b}_p10`, `${b}_p50`, `${b}_p90`]),
    'deterministicCostCnyPerMonth',
    'hardwareStep',
    'currency',
    ...MONEY_COLUMNS.map(([name]) => name),
    'utilizationFraction',
    'commitmentPays',
  ];
  const lines = [header.join(',')];
  for (const m of result.months) {
    const det = m.money?.deterministic;
    lines.push(
      [
        m.month,
        ...BANDS.flatMap((b) => [m[b].p10, m[b].p50, m[b].p90]),
        Math.round(m.deterministic.costCnyPerMonth * 100) / 100,
        m.deterministic.hardwareStep,
        m.money?.currency ?? 'CNY',
        ...MONEY_COLUMNS.map(([, get]) => cell(get(m))),
        det ? det.utilizationFraction : '',
        det?.commitment ? String(det.commitment.pays) : '',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
