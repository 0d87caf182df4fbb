import { evaluateWhatIf } from '../../libs/cost/src/index.js';
import { hourlyGpusChart, whatIfComparisonChart } from './what-if-charts.js';

/** The source report at DAU 1 M against ten times the users: GPU count and cost per user side by side. */
const scenario = (dailyActiveUsers: number) =>
  evaluateWhatIf({ model: 'kimi-2024', gpu: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' }, workload: { dailyActiveUsers, tokensPerUserPerDay: 100_000 } });
const oneMillion = scenario(1_000_000);
const tenMillion = scenario(10_000_000);

describe('the source report at 1 M vs 10 M DAU: what-if charts', () => {
  it('compares GPUs at peak (left axis) and cost per user (right axis) for baseline and current', () => {
    const chart = whatIfComparisonChart(oneMillion, tenMillion);
    const [gpus, cost] = chart.config.data.datasets;
    expect(gpus!.data).toEqual([oneMillion.atPeak.gpus, tenMillion.atPeak.gpus]);
    expect(cost!.data).toEqual([oneMillion.cost.costCnyPerDauPerMonth, tenMillion.cost.costCnyPerDauPerMonth]);
    // Ten times the demand needs more GPUs (replicas are whole, so at least ×~10 minus rounding of the baseline).
    expect(tenMillion.atPeak.gpus).toBeGreaterThan(5 * oneMillion.atPeak.gpus);
    const titles = Object.values(chart.config.options['scales'] as Record<string, { title: { text: string } }>).map((s) => s.title.text);
    expect(titles).toEqual(['scenario', 'GPUs at peak', 'cost per DAU per month (CNY)']);
  });

  it('plots the 24 hourly GPU counts, the busiest hour being the peak figure', () => {
    const chart = hourlyGpusChart(oneMillion);
    expect(chart.config.data.labels).toHaveLength(24);
    const gpus = chart.config.data.datasets[0]!.data as number[];
    expect(gpus).toEqual(oneMillion.hourly.map((h) => h.gpus));
    expect(Math.max(...gpus)).toBe(oneMillion.atPeak.gpus);
    expect(chart.table.rows).toHaveLength(24);
  });
});
