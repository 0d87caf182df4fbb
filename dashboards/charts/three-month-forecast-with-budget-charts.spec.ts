import type { Band, ForecastMonth, SensitivityResult } from '../../libs/cost/src/index.js';
import { tableToCsv } from './csv.js';
import { budgetOfMonth, forecastCostChart, forecastGpusChart, tornadoChart } from './forecast-charts.js';
import type { ChartSpec } from './types.js';

/** A hand-made three-month forecast: cost bands 100/110/130 → 200/220/260 → 300/330/390 CNY, budget [250, 320]. */
const band = (p50: number): Band => ({ p10: p50 * 0.9, p50, p90: p50 * 1.3, mean: p50 * 1.05 });
const month = (m: number): ForecastMonth =>
  ({ month: m, costCnyPerMonth: band(110 * m), gpusAtPeak: band(8 * m), costCnyPerDauPerMonth: band(2), dau: band(1000 * m) }) as unknown as ForecastMonth;
const forecast = {
  samples: 500,
  months: [month(1), month(2), month(3)],
  budget: { budgetCnyPerMonth: [250, 320], monthsP50OverBudget: [3], monthsP90OverBudget: [2, 3], firstMonthP50OverBudget: 3, dauAtBudgetRunOut: null },
};

const axisTitles = (c: ChartSpec) => Object.values(c.config.options['scales'] as Record<string, { title: { text: string } }>).map((s) => s.title.text);

describe('a three-month forecast with a budget: forecast charts', () => {
  it('repeats the last budget value for months past the series (ForecastSpec.budgetCnyPerMonth)', () => {
    expect([1, 2, 3].map((m) => budgetOfMonth([250, 320], m))).toEqual([250, 320, 320]);
    expect(budgetOfMonth([], 1)).toBeNull();
  });

  describe(forecastCostChart.name, () => {
    const chart = forecastCostChart(forecast);
    const byLabel = (l: string) => chart.config.data.datasets.find((d) => d.label === l)!;

    it('draws P10 and P90 as a filled band, the median and the budget line, month by month', () => {
      expect(chart.config.data.labels).toEqual([1, 2, 3]);
      expect(byLabel('P90').data).toEqual([110 * 1.3, 220 * 1.3, 330 * 1.3]);
      expect(byLabel('P90')['fill']).toBe('+1'); // fills down to the next dataset, P10
      expect(byLabel('P10').data).toEqual([99, 198, 330 * 0.9]);
      expect(byLabel('P50 (median)').data).toEqual([110, 220, 330]);
      expect(byLabel('budget (CNY per month)').data).toEqual([250, 320, 320]);
    });

    it('titles both axes with units and shows a legend', () => {
      expect(axisTitles(chart)).toEqual(['month', 'cost (CNY per month)']);
      expect((chart.config.options['plugins'] as { legend: { display: boolean } }).legend.display).toBe(true);
    });

    it('exports month, P10, P50, P90, mean and budget as CSV', () => {
      const lines = tableToCsv(chart.table).trim().split('\r\n');
      expect(lines[0]).toBe('month,p10,p50,p90,mean,budget (CNY per month)');
      expect(lines[2]).toBe(`2,198,220,${220 * 1.3},${220 * 1.05},320`);
    });
  });

  it('draws GPUs without a budget line', () => {
    const chart = forecastGpusChart(forecast);
    expect(chart.config.data.datasets.map((d) => d.label)).toEqual(['P90', 'P10', 'P50 (median)']);
    expect(axisTitles(chart)).toEqual(['month', 'GPUs']);
  });
});

describe('a two-input tornado at ±20 %', () => {
  const sensitivity = {
    month: 12,
    swingFraction: 0.2,
    centralCostCnyPerDauPerMonth: 10,
    centralTotalCostCny: 1000,
    notes: [],
    tornado: [
      { input: 'tokensPerUser', lowMultiplier: 0.8, highMultiplier: 1.2, costCnyPerDauPerMonthAtLow: 8, costCnyPerDauPerMonthAtHigh: 12, totalCostCnyAtLow: 800, totalCostCnyAtHigh: 1200, swingCnyPerDauPerMonth: 4, elasticity: 1 },
      { input: 'efficiency', lowMultiplier: 0.8, highMultiplier: 1.2, costCnyPerDauPerMonthAtLow: 12.5, costCnyPerDauPerMonthAtHigh: 8.4, totalCostCnyAtLow: 1250, totalCostCnyAtHigh: 840, swingCnyPerDauPerMonth: 4.1, elasticity: -1.025 },
    ],
  } as unknown as SensitivityResult;
  const chart = tornadoChart(sensitivity);

  it('floats each bar from the central cost per user to the cost at the low and at the high input', () => {
    expect(chart.config.data.labels).toEqual(['tokensPerUser', 'efficiency']);
    expect(chart.config.data.datasets[0]!.label).toBe('input at −20 %');
    expect(chart.config.data.datasets[0]!.data).toEqual([[10, 8], [10, 12.5]]);
    expect(chart.config.data.datasets[1]!.data).toEqual([[10, 12], [10, 8.4]]);
    expect(chart.config.options['indexAxis']).toBe('y');
    expect(axisTitles(chart)).toEqual(['cost per DAU per month (CNY)', 'input']);
  });

  it('exports every bar with its elasticity', () => {
    expect(tableToCsv(chart.table).trim().split('\r\n')[2]).toBe('efficiency,0.8,1.2,12.5,8.4,10,4.1,-1.025');
  });
});

describe(tableToCsv.name, () => {
  it('quotes fields holding commas or quotes and leaves null cells empty (RFC 4180)', () => {
    expect(tableToCsv({ columns: ['a', 'b'], rows: [['x, y', null], ['say "hi"', 3]] })).toBe('a,b\r\n"x, y",\r\n"say ""hi""",3\r\n');
  });
});
