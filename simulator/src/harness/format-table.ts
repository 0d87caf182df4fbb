/** Plain-text table of a sweep: each figure beside the ceiling it is measured against. */
import type { EngineSweepResult, SweepRow } from './run-engine-sweep.js';

const GB = 1e9;

export function formatCeilings(result: EngineSweepResult): string {
  const peaks = Object.entries(result.ceilings.peakFlopsPerSecondByFormat)
    .map(([format, flops]) => `${format} ${(flops / GB).toFixed(0)} GFLOP/s`)
    .join(', ');
  return `ceilings (${result.measurementSet.engine.threads} thread(s)): memory bandwidth ${(result.ceilings.memoryBandwidthBytesPerSecond / GB).toFixed(1)} GB/s; peak ${peaks}`;
}

export function formatSweepTable(rows: readonly SweepRow[]): string {
  const header = ['phase', 'format', 'E×k', 'batch', 'tokens', 'context', 'experts/layer', 'step ms', 'tokens/s', 'weights GB/s', '÷ bandwidth', 'GFLOP/s', '÷ peak', 'bound'];
  const lines = rows.map((r) => {
    const m = r.measurement;
    return [
      m.phase,
      m.weightFormat,
      `${m.expertCount}×${m.topK}`,
      String(m.batchSequences),
      String(m.tokensInStep),
      m.contextTokens.toFixed(0),
      m.distinctExpertsPerLayer === null ? '–' : m.distinctExpertsPerLayer.toFixed(2),
      (m.stepSeconds * 1000).toFixed(2),
      r.tokensPerSecond.toFixed(1),
      (r.weightBytesPerSecond / GB).toFixed(2),
      percent(r.bandwidthFraction, r.bound === 'memory'),
      (r.flopsPerSecond / GB).toFixed(1),
      percent(r.peakFraction, r.bound === 'compute'),
      r.bound,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}

/** The binding ceiling's fraction is starred, so the figure to read is obvious. */
function percent(fraction: number, binding: boolean): string {
  return `${(fraction * 100).toFixed(1)} %${binding ? '*' : ' '}`;
}
