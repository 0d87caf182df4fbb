// Browser helpers shared by the dashboards. Chart configurations come from /dashboards/charts/*.js,
// the same builders the server renders PNGs with; this file only puts them on the page.
import { tableToCsv } from '/dashboards/charts/csv.js';

// Where keys are required (any non-loopback server), the API answers 401 without one. The key is
// kept in sessionStorage: it lives as long as the tab, is never put in a URL (where it would land
// in logs and history), and goes out only as an Authorization header on this origin's API calls.
const KEY_STORAGE = 'capsim.apiKey';

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

function withKey(init = {}) {
  const key = apiKey();
  if (!key) return init;
  return { ...init, headers: { ...(init.headers ?? {}), Authorization: `Bearer ${key}` } };
}

export async function fetchJson(url, init) {
  const res = await fetch(url, withKey(init));
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    if (res.status === 401) askForKey(body?.message ?? 'an API key is required');
    const details = Array.isArray(body?.details) && body.details.length > 0 ? ': ' + body.details.map((d) => `${d.field} ${d.reason}`).join('; ') : '';
    const error = new Error((body?.message ?? `HTTP ${res.status}`) + details);
    error.status = res.status;
    error.body = body;
    throw error;
  }
  return body;
}

/** A form above the page that takes a key for this tab and reloads with it. */
function askForKey(reason) {
  if (document.getElementById('api-key-form')) return;
  const form = document.createElement('form');
  form.id = 'api-key-form';
  form.className = 'card api-key';
  form.innerHTML = `<label>API key <input type="password" name="key" autocomplete="off" required></label> <button type="submit">Use this key</button> <span class="muted"></span>`;
  form.querySelector('.muted').textContent = `${reason}. The key stays in this tab only (sessionStorage).`;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORAGE, form.querySelector('input').value.trim());
    location.reload();
  });
  (document.querySelector('main') ?? document.body).prepend(form);
  if (apiKey()) sessionStorage.removeItem(KEY_STORAGE); // the stored key was refused: ask afresh
}

/**
 * Links to API files (CSV, PNG) are plain navigations, which carry no header: with a key, fetch
 * the file with it and hand the browser a blob instead.
 */
export function keyedLink(a) {
  if (a.dataset.keyed) return;
  a.dataset.keyed = 'true';
  a.addEventListener('click', async (event) => {
    if (!apiKey()) return;
    event.preventDefault();
    try {
      const res = await fetch(a.href, withKey());
      if (!res.ok) throw new Error(`${a.href}: HTTP ${res.status}`);
      const blob = await res.blob();
      if (a.target !== '_blank') return download(a.href.split('/').pop().split('?')[0], blob);
      const url = URL.createObjectURL(blob);
      window.open(url, '_blank');
      setTimeout(() => URL.revokeObjectURL(url), 60_000); // the new tab reads it after this one moves on
    } catch (error) {
      showError(error.message);
    }
  });
}

export function showError(message) {
  const box = document.getElementById('error');
  box.textContent = message;
  box.hidden = !message;
}

/** Saves text (as `type`) or a Blob under `filename`. */
export function download(filename, content, type = 'text/csv') {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
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
    keyedLink(a);
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
