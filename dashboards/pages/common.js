// Browser helpers shared by the dashboards. Chart configurations come from /dashboards/charts/*.js,
// the same builders the server renders PNGs with; this file only puts them on the page.
import { tableToCsv } from '/dashboards/charts/csv.js';

export async function fetchJson(url, init) {
  const res = await fetch(url, init);
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const details = Array.isArray(body?.details) && body.details.length > 0 ? ': ' + body.details.map((d) => `${d.field} ${d.reason}`).join('; ') : '';
    const error = new Error((body?.message ?? `HTTP ${res.status}`) + details);
    error.status = res.status;
    error.body = body;
    throw error;
  }
  return body;
}

export function showError(message) {
  const box = document.getElementById('error');
  box.textContent = message;
  box.hidden = !message;
}

export function download(filename, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const charts = new Map();

/**
 * Draws a ChartSpec in the card with id `chart-<spec.id>` (created on first use) with a
 * "download CSV" button for the numbers behind it and, when given, a link to the server PNG.
 */
export function renderChart(parent, spec, { filenamePrefix = 'capsim', pngUrl } = {}) {
  let card = document.getElementById(`chart-${spec.id}`);
  if (!card) {
    card = document.createElement('section');
    card.className = 'card';
    card.id = `chart-${spec.id}`;
    card.innerHTML = `<header><h2></h2><span class="actions"><button type="button" class="csv">Download CSV</button></span></header><div class="canvas-box"><canvas></canvas></div>`;
    parent.append(card);
    card.querySelector('button.csv').addEventListener('click', () => {
      const current = charts.get(spec.id);
      download(`${filenamePrefix}-${spec.id}.csv`, tableToCsv(current.spec.table));
    });
  }
  card.querySelector('h2').textContent = spec.title;
  if (pngUrl && !card.querySelector('a.png')) {
    const a = document.createElement('a');
    a.className = 'png';
    a.href = pngUrl;
    a.textContent = 'PNG';
    a.target = '_blank';
    card.querySelector('.actions').append(a);
  }
  const previous = charts.get(spec.id);
  previous?.chart.destroy();
  // Chart.js writes into its configuration; keep the builder's object pristine for CSV and tests.
  const chart = new window.Chart(card.querySelector('canvas'), structuredClone(spec.config));
  charts.set(spec.id, { chart, spec });
  return chart;
}

export const fmt = (value, digits = 0) => Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
