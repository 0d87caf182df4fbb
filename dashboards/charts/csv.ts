import type { ChartTable } from './types.js';

/** RFC 4180 field: quoted when it holds a comma, quote or line break. Numbers are written in full (no rounding, no grouping). */
function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV text, header first, CRLF line ends (RFC 4180). */
export function tableToCsv(table: ChartTable): string {
  return [table.columns, ...table.rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
