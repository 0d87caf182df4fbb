import { forecastCostChart, forecastCostPerUserChart, forecastGpusChart, tornadoChart } from '/dashboards/charts/forecast-charts.js';
import { fetchJson, fmt, renderChart, showError } from './common.js';

const figure = (label, value) => `<div class="figure"><div class="value">${value}</div><div class="label">${label}</div></div>`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function finished(id) {
  for (;;) {
    const forecast = await fetchJson(`/v1/forecasts/${encodeURIComponent(id)}`);
    if (forecast.state === 'succeeded') return forecast;
    if (forecast.state === 'failed' || forecast.state === 'cancelled') throw new Error(`forecast ${id} ${forecast.state}`);
    document.getElementById('heading').textContent = `Forecast job ${forecast.state}…`;
    await sleep(1000);
  }
}

async function show(id) {
  const forecast = await finished(id);
  const r = forecast.result;
  const sensitivity = await fetchJson(`/v1/forecasts/${encodeURIComponent(id)}/sensitivity`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const heading = document.getElementById('heading');
  heading.textContent = `${forecast.name || 'forecast'}: ${forecast.months} months, ${forecast.samples} samples, seed ${forecast.seed} (${r.hardware.map((h) => `${h.gpuId} ${h.weights} from month ${h.fromMonth}`).join('; ')}).`;
  const last = r.months[r.months.length - 1];
  const budget = r.budget;
  document.getElementById('figures').innerHTML = [
    figure(`total cost over ${forecast.months} months, P50 (CNY)`, fmt(r.totalCostCny.p50)),
    figure('total cost P10–P90 (CNY)', `${fmt(r.totalCostCny.p10)} – ${fmt(r.totalCostCny.p90)}`),
    figure(`cost per DAU, month ${last.month}, P50 (CNY)`, fmt(last.costCnyPerDauPerMonth.p50, 2)),
    figure(`GPUs at peak, month ${last.month}, P50`, fmt(last.gpusAtPeak.p50)),
    ...(budget ? [figure('first month over budget (P50)', budget.firstMonthP50OverBudget ?? 'none')] : []),
  ].join('');
  const charts = document.getElementById('charts');
  const prefix = `forecast-${id}`;
  const png = (chart) => `/v1/forecasts/${id}/chart.png?chart=${chart}`;
  renderChart(charts, forecastCostChart(r), { filenamePrefix: prefix, pngUrl: png('cost') });
  renderChart(charts, forecastCostPerUserChart(r), { filenamePrefix: prefix, pngUrl: png('cost-per-user') });
  renderChart(charts, forecastGpusChart(r), { filenamePrefix: prefix, pngUrl: png('gpus') });
  renderChart(charts, tornadoChart(sensitivity), { filenamePrefix: prefix, pngUrl: png('tornado') });
  document.body.dataset.ready = 'true';
}

const id = new URLSearchParams(location.search).get('id');
if (!id) {
  document.getElementById('heading').textContent = 'Open a stored forecast: forecast.html?id=<id> (POST /v1/forecasts returns the id).';
  document.body.dataset.ready = 'true';
} else {
  show(id).catch((error) => {
    showError(error.message);
    document.body.dataset.ready = 'error';
  });
}
