import type { Band, ForecastMonth, ForecastResult, SensitivityResult } from '../../libs/cost/src/index.js';
import { axis, baseOptions, colour } from './style.js';
import type { ChartDataset, ChartSpec } from './types.js';

type Forecast = Pick<ForecastResult, 'months' | 'budget' | 'samples'>;

/** The budget of month m (1-based): a shorter series repeats its last value (ForecastSpec.budgetCnyPerMonth). */
export function budgetOfMonth(budget: readonly number[], month: number): number | null {
  if (budget.length === 0) return null;
  return budget[Math.min(month, budget.length) - 1]!;
}

/** P10–P90 band (filled between), P50 line and, optionally, extra lines such as a budget. */
function bandChart(
  id: string,
  title: string,
  yTitle: string,
  forecast: Forecast,
  pick: (m: ForecastMonth) => Band,
  colourIndex: number,
  extra: readonly ChartDataset[] = [],
): ChartSpec {
  const labels = forecast.months.map((m) => m.month);
  const c = colour(colourIndex);
  const datasets: ChartDataset[] = [
    { label: 'P90', data: forecast.months.map((m) => pick(m).p90), borderColor: c, backgroundColor: `${c}33`, borderWidth: 1, pointRadius: 0, fill: '+1' },
    { label: 'P10', data: forecast.months.map((m) => pick(m).p10), borderColor: c, backgroundColor: `${c}33`, borderWidth: 1, pointRadius: 0, fill: false },
    { label: 'P50 (median)', data: forecast.months.map((m) => pick(m).p50), borderColor: c, backgroundColor: c, borderWidth: 3, pointRadius: 2, fill: false },
    ...extra,
  ];
  const extraColumns = extra.map((d) => d.label);
  return {
    id,
    title,
    config: {
      type: 'line',
      data: { labels, datasets },
      options: {
        ...baseOptions(title, `shaded: P10–P90 over ${forecast.samples} Monte Carlo samples`),
        scales: { x: axis('month'), y: axis(yTitle, { beginAtZero: true }) },
      },
    },
    table: {
      columns: ['month', 'p10', 'p50', 'p90', 'mean', ...extraColumns],
      rows: forecast.months.map((m, i) => {
        const b = pick(m);
        return [m.month, b.p10, b.p50, b.p90, b.mean, ...extra.map((d) => (d.data[i] as number | null) ?? null)];
      }),
    },
  };
}

export function forecastCostChart(forecast: Forecast): ChartSpec {
  const budget = forecast.budget?.budgetCnyPerMonth ?? [];
  const extra: ChartDataset[] =
    budget.length > 0
      ? [{ label: 'budget (CNY per month)', data: forecast.months.map((m) => budgetOfMonth(budget, m.month)), borderColor: '#D55E00', backgroundColor: '#D55E00', borderDash: [8, 4], borderWidth: 2, pointRadius: 0, fill: false }]
      : [];
  return bandChart('cost', 'Monthly cost', 'cost (CNY per month)', forecast, (m) => m.costCnyPerMonth, 0, extra);
}

export function forecastCostPerUserChart(forecast: Forecast): ChartSpec {
  return bandChart('cost-per-user', 'Cost per user', 'cost per DAU per month (CNY)', forecast, (m) => m.costCnyPerDauPerMonth, 1);
}

export function forecastGpusChart(forecast: Forecast): ChartSpec {
  return bandChart('gpus', 'GPUs at the busiest hour', 'GPUs', forecast, (m) => m.gpusAtPeak, 2);
}

/**
 * Tornado: each input moved to (1 ± swing) × its central value, the others central; floating bars
 * from the central cost per user to the cost at the low and at the high value. Widest bar on top.
 */
export function tornadoChart(sensitivity: SensitivityResult): ChartSpec {
  const central = sensitivity.centralCostCnyPerDauPerMonth;
  const bars = sensitivity.tornado;
  const pct = Math.round(sensitivity.swingFraction * 100);
  return {
    id: 'tornado',
    title: 'Sensitivity (tornado)',
    config: {
      type: 'bar',
      data: {
        labels: bars.map((b) => b.input),
        datasets: [
          { label: `input at −${pct} %`, data: bars.map((b) => [central, b.costCnyPerDauPerMonthAtLow] as const), backgroundColor: colour(4) },
          { label: `input at +${pct} %`, data: bars.map((b) => [central, b.costCnyPerDauPerMonthAtHigh] as const), backgroundColor: colour(5) },
        ],
      },
      options: {
        ...baseOptions(
          `Sensitivity of cost per user in month ${sensitivity.month} (±${pct} % one at a time)`,
          `central: ${central.toFixed(2)} CNY per DAU per month`,
        ),
        indexAxis: 'y',
        scales: {
          x: axis('cost per DAU per month (CNY)'),
          y: axis('input', { stacked: true }),
        },
      },
    },
    table: {
      columns: ['input', 'lowMultiplier', 'highMultiplier', 'costCnyPerDauPerMonthAtLow', 'costCnyPerDauPerMonthAtHigh', 'centralCostCnyPerDauPerMonth', 'swingCnyPerDauPerMonth', 'elasticity'],
      rows: bars.map((b) => [b.input, b.lowMultiplier, b.highMultiplier, b.costCnyPerDauPerMonthAtLow, b.costCnyPerDauPerMonthAtHigh, central, b.swingCnyPerDauPerMonth, b.elasticity]),
    },
  };
}
