import type { ForecastResult, WhatIfEvaluation } from '../../../libs/cost/src/index.js';

const grouped = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Two aligned columns, with a title line. */
function twoColumns(title: string, rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return [title, '─'.repeat(Math.min(100, Math.max(title.length, width + 20))), ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`)].join('\n') + '\n';
}

/** The figures a person reads first, one per line. */
export function whatIfRows(e: WhatIfEvaluation): [string, string, string][] {
  return [
    ['model', e.modelId, ''],
    ['GPU', e.gpuId, ''],
    ['GPUs per replica', String(e.tensorParallelSize), 'GPUs'],
    ['minimum GPUs for the weights', String(e.minimumGpusForWeights), 'GPUs'],
    ['KV cache capacity per replica', grouped(e.memory.kvCapacityTokens), 'tokens'],
    ['decode batch', `${e.throughput.decodeBatchSequences} (limited by ${e.throughput.decodeBatchLimitedBy})`, 'sequences'],
    ['GPUs at peak', grouped(e.atPeak.gpus), 'GPUs'],
    ['GPUs at mean', grouped(e.atMean.gpus), 'GPUs'],
    ['GPU-hours per day', grouped(e.cost.gpuHoursPerDay), 'GPU-hours'],
    ['cost per day', grouped(e.cost.costCnyPerDay), 'CNY'],
    ['cost per 30-day month', grouped(e.cost.costCnyPer30DayMonth), 'CNY'],
    ['cost per DAU per month', grouped(e.cost.costCnyPerDauPerMonth, 2), 'CNY'],
    ['cost per million output tokens', grouped(e.cost.costCnyPerMillionOutputTokens, 2), 'CNY'],
    ['binding limit', e.bindingLimit, ''],
  ];
}

export function whatIfTable(e: WhatIfEvaluation, label: string): string {
  const rows = whatIfRows(e).map(([k, v, unit]) => [k, unit && !['GPUs', 'sequences'].includes(unit) ? `${v} ${unit}` : v] as const);
  const notes = [e.bindingLimitExplanation, ...e.warnings.map((w) => `warning: ${w}`)];
  return twoColumns(`what-if: ${label}`, rows) + '\n' + notes.join('\n') + '\n';
}

export function whatIfCsv(e: WhatIfEvaluation): string {
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const raw: [string, string | number, string][] = [
    ['modelId', e.modelId, ''],
    ['gpuId', e.gpuId, ''],
    ['tensorParallelSize', e.tensorParallelSize, 'GPUs'],
    ['minimumGpusForWeights', e.minimumGpusForWeights, 'GPUs'],
    ['kvCapacityTokens', e.memory.kvCapacityTokens, 'tokens'],
    ['decodeBatchSequences', e.throughput.decodeBatchSequences, 'sequences'],
    ['gpusAtPeak', e.atPeak.gpus, 'GPUs'],
    ['gpusAtMean', e.atMean.gpus, 'GPUs'],
    ['gpuHoursPerDay', e.cost.gpuHoursPerDay, 'GPU-hours'],
    ['costCnyPerDay', e.cost.costCnyPerDay, 'CNY'],
    ['costCnyPer30DayMonth', e.cost.costCnyPer30DayMonth, 'CNY'],
    ['costCnyPerDauPerMonth', e.cost.costCnyPerDauPerMonth, 'CNY'],
    ['costCnyPerMillionOutputTokens', e.cost.costCnyPerMillionOutputTokens, 'CNY'],
    ['bindingLimit', e.bindingLimit, ''],
  ];
  return ['figure,value,unit', ...raw.map(([k, v, u]) => `${k},${cell(String(v))},${u}`)].join('\n') + '\n';
}

export function forecastTable(r: ForecastResult, label: string): string {
  const header = ['month', 'DAU (P50)', 'GPUs P10', 'GPUs P50', 'GPUs P90', 'cost CNY P10', 'cost CNY P50', 'cost CNY P90', 'CNY/DAU P50'];
  const rows = r.months.map((m) => [
    String(m.month),
    grouped(m.dau.p50),
    grouped(m.gpusAtPeak.p10),
    grouped(m.gpusAtPeak.p50),
    grouped(m.gpusAtPeak.p90),
    grouped(m.costCnyPerMonth.p10),
    grouped(m.costCnyPerMonth.p50),
    grouped(m.costCnyPerMonth.p90),
    grouped(m.costCnyPerDauPerMonth.p50, 2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const budget = r.budget
    ? `\nbudget: first month whose P50 cost exceeds it: ${r.budget.firstMonthP50OverBudget ?? 'none'}`
    : '';
  return [
    `forecast: ${label} (${r.samples} samples, seed ${r.seed}, ${r.monthsCount} months, CNY)`,
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    `total cost over the horizon: P10 ${grouped(r.totalCostCny.p10)}  P50 ${grouped(r.totalCostCny.p50)}  P90 ${grouped(r.totalCostCny.p90)} CNY${budget}`,
    ...r.warnings.map((w) => `warning: ${w}`),
  ].join('\n') + '\n';
}
