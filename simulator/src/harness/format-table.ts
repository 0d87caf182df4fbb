/** Plain-text table of a sweep: each figure beside the ceiling it is measured against. */
import type { EngineSweepResult, SweepRow } from './run-engine-sweep.js';

const GB = 1e9;

export function formatCeilings(result: EngineSweepResult): string {
  const peaks = Object.entries(result.ceilings.peakFlopsPerSecondByFormat)
    .map(([format, flops]) => {
      const seen = result.peakSamplesFlopsPerSecond[format] ?? [];
      const range = seen.length > 1 ? ` (${(Math.min(...seen) / GB).toFixed(0)}–${(Math.max(...seen) / GB).toFixed(0)})` : '';
      return `${format} ${(flops / GB).toFixed(0)} GFLOP/s${range}`;
    })
    .join(', ');
  const samples = result.bandwidthSamplesBytesPerSecond;
  const spread =
    samples.length > 1
      ? ` (median of ${samples.length} samples, at the start and before each point: ${(Math.min(...samples) / GB).toFixed(1)}–${(Math.max(...samples) / GB).toFixed(1)}, first ${(samples[0]! / GB).toFixed(1)})`
      : '';
  return `ceilings (${result.measurementSet.engine.threads} thread(s)): memory bandwidth ${(result.ceilings.memoryBandwidthBytesPerSecond / GB).toFixed(1)} GB/s${spread}; peak ${peaks}`;
}

export function formatSweepTable(rows: readonly SweepRow[]): string {
  const header = ['phase', 'format', 'E×k', 'batch', 'tokens', 'context', 'experts/layer', 'step ms', 'tokens/s', 'weights GB/s', '÷ bandwidth', 'of GB/s', 'GFLOP/s', '÷ peak', 'of GFLOP/s', 'bound'];
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
      (r.bandwidthBytesPerSecond / GB).toFixed(1),
      (r.flopsPerSecond / GB).toFixed(1),
      percent(r.peakFraction, r.bound === 'compute'),
      (r.peakFlopsPerSecond / GB).toFixed(0),
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
