import { planAttainmentChart, planCostChart, planReplicasChart } from '/dashboards/charts/plan-charts.js';
import { fetchJson, fmt, keyedLink, renderChart, showError } from './common.js';

const figure = (label, value) => `<div class="figure"><div class="value">${value}</div><div class="label">${label}</div></div>`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

async function finished(id) {
  for (;;) {
    const plan = await fetchJson(`/v1/autoscaling/plans/${encodeURIComponent(id)}`);
    if (plan.state === 'succeeded') return plan;
    if (plan.state === 'failed' || plan.state === 'cancelled') throw new Error(`autoscaling plan ${id} ${plan.state}${plan.job?.error ? `: ${plan.job.error}` : ''}`);
    document.getElementById('heading').textContent = `Plan job ${plan.state} (${Math.round((plan.progressFraction ?? 0) * 100)} %)…`;
    await sleep(1000);
  }
}

/** The per-policy summary as an HTML table: what finance reads first. */
function policyTable(plans) {
  const head = ['policy', 'peak replicas', 'GPU-hours', 'cost (CNY)', 'saving vs static peak (CNY)', 'saving', 'lowest class SLO attainment', 'scale-ups'];
  const rows = planCostChart(plans).table.rows.map(([policy, peak, gpuHours, cost, saving, savingFraction, minAttainment, ups]) => [
    escape(policy),
    fmt(peak),
    fmt(gpuHours, 1),
    fmt(cost),
    fmt(saving),
    `${fmt(savingFraction * 100, 1)} %`,
    minAttainment === null ? '–' : `${fmt(minAttainment * 100, 2)} %`,
    fmt(ups),
  ]);
  return `<thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody>`;
}

async function show(id) {
  const response = await finished(id);
  const plans = response.result.plans;
  const first = plans[0];
  document.title = `capsim · ${response.name || 'autoscaling plan'}`;
  document.getElementById('heading').textContent = `${response.name || 'autoscaling plan'}: ${plans.length} ${plans.length === 1 ? 'policy' : 'policies'} over ${fmt(first.horizonSeconds / 3600, 2)} h in ${fmt(first.intervalSeconds)} s intervals, ${response.gpusPerReplica} GPUs per replica.`;
  const cheapest = plans.reduce((a, b) => (b.costCny < a.costCny ? b : a));
  const staticPeak = plans.find((p) => p.policy === 'static-peak');
  document.getElementById('figures').innerHTML = [
    figure('cheapest policy', escape(cheapest.policy)),
    figure(`its cost over the span (CNY)`, fmt(cheapest.costCny)),
    figure('its GPU-hours', fmt(cheapest.gpuHours, 1)),
    ...(staticPeak ? [figure('static peak cost (CNY)', fmt(staticPeak.costCny)), figure('static peak replicas', fmt(staticPeak.peakReplicas))] : []),
  ].join('');
  document.getElementById('policy-table').innerHTML = policyTable(plans);
  document.getElementById('plan-csv').href = response.links.csv;
  keyedLink(document.getElementById('plan-csv'));
  document.getElementById('summary').hidden = false;
  const charts = document.getElementById('charts');
  const prefix = `plan-${id}`;
  const png = (chart) => `/v1/autoscaling/plans/${id}/chart.png?chart=${chart}`;
  renderChart(charts, planReplicasChart(plans), { filenamePrefix: prefix, pngUrl: png('replicas') });
  renderChart(charts, planAttainmentChart(plans, response.targetAttainmentFraction), { filenamePrefix: prefix, pngUrl: png('attainment') });
  renderChart(charts, planCostChart(plans), { filenamePrefix: prefix, pngUrl: png('cost') });
  document.body.dataset.ready = 'true';
}

const id = new URLSearchParams(location.search).get('id');
if (!id) {
  document.getElementById('heading').textContent = 'Open a stored autoscaling plan: plan.html?id=<id> (POST /v1/autoscaling/plans returns the id).';
  document.body.dataset.ready = 'true';
} else {
  show(id).catch((error) => {
    showError(error.message);
    document.body.dataset.ready = 'error';
  });
}
