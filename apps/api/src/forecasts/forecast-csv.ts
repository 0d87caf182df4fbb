import type { ForecastResult } from '../../../../libs/cost/src/index.js';

const BANDS = ['dau', 'gpusAtPeak', 'gpuHoursPerMonth', 'costCnyPerMonth', 'costCnyPerDauPerMonth', 'costCnyPerMillionTokens'] as const;

/** One row per month: P10 / P50 / P90 of each figure, then the deterministic (central) cost and hardware step. Money in CNY. */
export function forecastToCsv(result: ForecastResult): string {
  const header = ['month', ...BANDS.flatMap((b) => [`${b}_p10`, `${b}_p50`, `${b}_p90`]), 'deterministicCostCnyPerMonth', 'hardwareStep'];
  const lines = [header.join(',')];
  for (const m of result.months) {
    lines.push(
      [
        m.month,
        ...BANDS.flatMap((b) => [m[b].p10, m[b].p50, m[b].p90]),
        Math.round(m.deterministic.costCnyPerMonth * 100) / 100,
        m.deterministic.hardwareStep,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
