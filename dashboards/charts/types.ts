/**
 * Chart.js configurations as plain data (no callbacks), so that one builder serves the browser
 * (`new Chart(canvas, spec.config)`) and the server (Chart.js on @napi-rs/canvas) alike, and so
 * that tests can read every number off the config.
 */
export interface ChartDataset {
  readonly label: string;
  readonly type?: 'bar' | 'line' | 'scatter';
  readonly data: readonly (number | null | readonly [number, number] | { readonly x: number; readonly y: number })[];
  readonly [option: string]: unknown;
}

export interface ChartConfig {
  readonly type: 'bar' | 'line' | 'scatter';
  readonly data: { readonly labels?: readonly (string | number)[]; readonly datasets: readonly ChartDataset[] };
  readonly options: Record<string, unknown>;
}

/** The numbers behind a chart, one row per point, for "download CSV". */
export interface ChartTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

export interface ChartSpec {
  /** Stable id used in URLs (`?chart=memory`) and file names. */
  readonly id: string;
  readonly title: string;
  readonly config: ChartConfig;
  readonly table: ChartTable;
}
