/** Colour-blind-safe palette (Okabe–Ito), so stacked components stay distinguishable in print too. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#999999', '#7F3C8D'] as const;

export const colour = (i: number): string => PALETTE[i % PALETTE.length]!;

/** Base options every chart shares: fixed size on the server (no animation), legend on top, a title. */
export function baseOptions(title: string, subtitle?: string | readonly string[]): Record<string, unknown> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: {
      title: { display: true, text: title, font: { size: 15 } },
      ...(subtitle ? { subtitle: { display: true, text: typeof subtitle === 'string' ? wrap(subtitle) : subtitle.flatMap((s) => wrap(s)) } } : {}),
      legend: { display: true, position: 'top' },
    },
  };
}

export function axis(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: { display: true, text: title }, ...extra };
}

export const GB = 1e9;

/** Greedy word wrap: Chart.js draws a title on one line however wide, so long explanations are split. */
export function wrap(text: string, maxChars = 120): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export const KV_COLOUR = '#F0E442';
export const RESERVE_COLOUR = '#999999';
