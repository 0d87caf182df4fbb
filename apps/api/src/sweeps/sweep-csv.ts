import type { SweepPointResult, SweepResult } from '../../../../libs/sweep/src/index.js';

const COLUMNS = [
  'pointIndex', 'gpuId', 'weights', 'experts', 'kvCache', 'tensorParallelSize', 'expertParallel', 'maxBatchSequences', 'targetUtilizationFraction',
  'outcome', 'costCnyPer30DayMonth', 'gpusAtPeak', 'sloFeasible', 'tpotSeconds', 'ttftSeconds', 'sloHeadroomFraction', 'onParetoFront', 'bindingLimit', 'error',
] as const;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // RFC 4180 quoting; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(point: SweepPointResult, onFront: boolean): string {
  const p = point.parameters;
  const values: Record<(typeof COLUMNS)[number], unknown> = {
    pointIndex: point.pointIndex,
    gpuId: p.gpuId,
    weights: p.quantization?.weights,
    experts: p.quantization?.experts,
    kvCache: p.quantization?.kvCache,
    tensorParallelSize: point.tensorParallelSize ?? p.tensorParallelSize,
    expertParallel: p.expertParallel,
    maxBatchSequences: p.maxBatchSequences,
    targetUtilizationFraction: p.targetUtilizationFraction,
    outcome: point.outcome,
    costCnyPer30DayMonth: point.costCnyPer30DayMonth,
    gpusAtPeak: point.gpusAtPeak,
    sloFeasible: point.sloFeasible,
    tpotSeconds: point.tpotSeconds,
    ttftSeconds: point.ttftSeconds,
    sloHeadroomFraction: point.sloHeadroomFraction,
    onParetoFront: onFront,
    bindingLimit: point.bindingLimit,
    error: point.error,
  };
  return COLUMNS.map((c) => cell(values[c])).join(',');
}

/** Every point of a finished sweep, one CSV row each, with whether it is on the Pareto front. Swept-off parameters are blank (the base value applies). */
export function sweepToCsv(result: SweepResult): string {
  const front = new Set(result.paretoFront.map((p) => p.pointIndex));
  return [COLUMNS.join(','), ...result.points.map((p) => row(p, front.has(p.pointIndex)))].join('\r\n') + '\r\n';
}
