import type { WhatIfEvaluation } from './types.js';

export interface LabelledEvaluation {
  readonly label: string;
  readonly evaluation: WhatIfEvaluation;
}

/** Integer part grouped by thousands with spaces (12 345 678), fixed decimals after it. */
export function groupedNumber(value: number, decimals = 0): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const sign = value < 0 && Number(fixed) !== 0 ? '−' : '';
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

function margin(fraction: number | null): string {
  return fraction === null ? '—' : `${groupedNumber(fraction * 100, 0)} %`;
}

/**
 * A Markdown table comparing evaluations side by side (one row each): GPUs per replica, KV room,
 * decode batch and its limit, GPUs at peak and mean, GPU-hours and money per day, per DAU per
 * month, per million output tokens, margin, binding limit. Pure; for READMEs and reports.
 *
 * @throws RangeError when given no rows.
 */
export function formatWhatIfComparisonTable(rows: readonly LabelledEvaluation[]): string {
  if (!Array.isArray(rows) || rows.length === 0) throw new RangeError('rows: need at least one evaluation');
  const header = [
    'scenario',
    'GPUs / replica (min for weights)',
    'KV cache (tokens)',
    'decode batch (limit)',
    'GPUs at peak',
    'GPUs at mean',
    'GPU-hours / day',
    '¥ / day',
    '¥ / DAU / month',
    '¥ / M output tokens',
    'margin',
    'binding limit',
  ];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const { label, evaluation: e } of rows) {
    const cells = [
      label,
      `${e.tensorParallelSize} (${e.minimumGpusForWeights})`,
      groupedNumber(e.memory.kvCapacityTokens),
      `${e.throughput.decodeBatchSequences} (${e.throughput.decodeBatchLimitedBy})`,
      groupedNumber(e.atPeak.gpus),
      groupedNumber(e.atMean.gpus),
      groupedNumber(e.cost.gpuHoursPerDay),
      groupedNumber(e.cost.costCnyPerDay),
      groupedNumber(e.cost.costCnyPerDauPerMonth, 2),
      groupedNumber(e.cost.costCnyPerMillionOutputTokens, 2),
      margin(e.cost.marginFraction),
      e.bindingLimit,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
