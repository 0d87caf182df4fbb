import { memoryChart, rooflineChart } from '/dashboards/charts/scenario-charts.js';
import { fetchJson, fmt, renderChart, showError } from './common.js';

const figure = (label, value) => `<div class="figure"><div class="value">${value}</div><div class="label">${label}</div></div>`;

async function listScenarios() {
  const page = await fetchJson('/v1/scenarios?limit=50');
  document.getElementById('heading').textContent = page.total === 0 ? 'No stored scenarios yet: POST /v1/scenarios to add one.' : 'Pick a stored scenario:';
  document.getElementById('list').innerHTML = `<ul class="list">${page.items
    .map((s) => `<li><a href="?id=${encodeURIComponent(s.id)}">${s.name.replace(/</g, '&lt;')}</a> <span class="muted">v${s.version}</span></li>`)
    .join('')}</ul>`;
}

async function showScenario(id) {
  const data = await fetchJson(`/v1/scenarios/${encodeURIComponent(id)}/chart-data`);
  const e = data.evaluation;
  document.title = `capsim · ${data.scenario.name}`;
  document.getElementById('heading').innerHTML = `<strong></strong> (version ${data.scenario.version}): ${e.modelId} on ${e.gpuId}, TP ${e.tensorParallelSize}. <a id="open-what-if" href="#">Open in what-if</a>`;
  document.querySelector('#heading strong').textContent = data.scenario.name;
  document.getElementById('open-what-if').href = `/dashboards/what-if.html?scenario=${encodeURIComponent(id)}`;
  const calibration = data.roofline.calibration;
  if (calibration) {
    const link = document.createElement('a');
    link.id = 'open-calibration';
    link.href = `/dashboards/calibration.html?id=${encodeURIComponent(calibration.profileId)}`;
    link.textContent = 'calibration profile';
    document.getElementById('heading').append(' · Step times use the fitted coefficients of this ', link, ` (${calibration.points.length} measured points on the roofline).`);
  }
  document.getElementById('figures').innerHTML = [
    figure('GPUs at peak', fmt(e.atPeak.gpus)),
    figure('GPUs at mean', fmt(e.atMean.gpus)),
    figure('cost per DAU per month (CNY)', fmt(e.cost.costCnyPerDauPerMonth, 2)),
    figure('cost per 30-day month (CNY)', fmt(e.cost.costCnyPer30DayMonth)),
    figure('binding limit', e.bindingLimit),
    figure('decode batch (limited by)', `${e.throughput.decodeBatchSequences} (${e.throughput.decodeBatchLimitedBy})`),
  ].join('');
  const charts = document.getElementById('charts');
  const prefix = `scenario-${id}`;
  renderChart(charts, memoryChart(e), { filenamePrefix: prefix, pngUrl: `/v1/scenarios/${id}/chart.png?chart=memory` });
  renderChart(charts, rooflineChart(data.roofline), { filenamePrefix: prefix, pngUrl: `/v1/scenarios/${id}/chart.png?chart=roofline` });
  document.body.dataset.ready = 'true';
}

const id = new URLSearchParams(location.search).get('id');
(id ? showScenario(id) : listScenarios().then(() => (document.body.dataset.ready = 'true'))).catch((error) => {
  showError(error.message);
  document.body.dataset.ready = 'error';
});
