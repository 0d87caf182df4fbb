import { calibrationResidualsChart, calibrationScatterChart } from '/dashboards/charts/calibration-charts.js';
import { fetchJson, fmt, renderChart, showError } from './common.js';

const figure = (label, value) => `<div class="figure"><div class="value">${value}</div><div class="label">${label}</div></div>`;
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const pct = (fraction) => `${fmt(fraction * 100, 2)} %`;

async function listProfiles() {
  const page = await fetchJson('/v1/calibrations?limit=50');
  document.getElementById('heading').textContent = page.total === 0 ? 'No calibration profiles yet: POST /v1/calibrations to upload measurements.' : 'Pick a calibration profile:';
  document.getElementById('list').innerHTML = `<ul class="list">${page.items
    .map((p) => `<li><a href="?id=${encodeURIComponent(p.id)}">${escape(p.name || p.id)}</a> <span class="muted">${escape(p.hardware?.description ?? '')} · ${p.measurementCount} points</span></li>`)
    .join('')}</ul>`;
}

async function show(id) {
  const profile = await fetchJson(`/v1/calibrations/${encodeURIComponent(id)}`);
  if (!profile.fit) throw new Error(`calibration profile ${id} has no fit${profile.failure ? `: ${profile.failure}` : ` yet (${profile.state})`}`);
  const fit = profile.fit;
  const c = fit.coefficients;
  document.title = `capsim · ${profile.name || 'calibration'}`;
  document.getElementById('heading').textContent = `${profile.name || 'calibration profile'}: ${profile.measurementCount} measurements of ${profile.model?.name ?? 'a model'} with ${profile.engine?.name ?? 'an engine'} ${profile.engine?.version ?? ''} on ${profile.hardware?.description ?? 'unknown hardware'}. ${fit.method ?? ''}`;
  document.getElementById('figures').innerHTML = [
    figure('R² (all points)', fit.rSquared === null ? 'n/a' : fmt(fit.rSquared, 4)),
    figure('held-out median |error|', pct(fit.heldOut.medianAbsoluteRelativeError)),
    figure('median |error| (all points)', pct(fit.medianAbsoluteRelativeError)),
    figure(`η compute${c.computeIdentified ? '' : ' (not identified)'}`, fmt(c.computeEfficiencyFraction, 3)),
    figure(`η memory${c.memoryIdentified ? '' : ' (not identified)'}`, fmt(c.memoryEfficiencyFraction, 3)),
    figure('step overhead (ms)', fmt(c.stepOverheadSeconds * 1000, 3)),
  ].join('');
  if (fit.warnings?.length) document.getElementById('list').innerHTML = `<p class="muted">${fit.warnings.map(escape).join('<br>')}</p>`;
  const charts = document.getElementById('charts');
  const prefix = `calibration-${id}`;
  const png = (chart) => `/v1/calibrations/${id}/chart.png?chart=${chart}`;
  renderChart(charts, calibrationScatterChart(fit), { filenamePrefix: prefix, pngUrl: png('measured-vs-predicted') });
  renderChart(charts, calibrationResidualsChart(fit), { filenamePrefix: prefix, pngUrl: png('residuals') });
  document.body.dataset.ready = 'true';
}

const id = new URLSearchParams(location.search).get('id');
(id ? show(id) : listProfiles().then(() => (document.body.dataset.ready = 'true'))).catch((error) => {
  showError(error.message);
  document.body.dataset.ready = 'error';
});
