import { hourlyGpusChart, whatIfComparisonChart } from '/dashboards/charts/what-if-charts.js';
import { fetchJson, fmt, renderChart, showError } from './common.js';

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 250;
const DEFAULTS = { model: 'kimi-2024', gpu: 'a100-80gb', weights: 'int8-w8a16', kv: 'bf16', dau: 1_000_000, tokens: 100_000, price: '' };

/** The request body beyond the inputs on this page (deployment, SLO, … of a stored scenario). */
let base = {};
let baseline = null;
let sequence = 0;
let timer = null;

function options(select, items, label = (x) => x.name ?? x.id) {
  select.innerHTML = items.map((x) => `<option value="${x.id}">${label(x).replace(/</g, '&lt;')}</option>`).join('');
}

function readInputs() {
  return { model: $('model').value, gpu: $('gpu').value, weights: $('weights').value, kv: $('kv').value, dau: $('dau').value, tokens: $('tokens').value, price: $('price').value };
}

function writeInputs(state) {
  for (const key of ['model', 'gpu', 'weights', 'kv', 'dau', 'tokens', 'price']) if (state[key] !== undefined) $(key).value = state[key];
  $('dau-slider').value = Math.log10(Number($('dau').value) || 1);
  $('tokens-slider').value = Math.log10(Number($('tokens').value) || 1);
}

function body(state) {
  const price = state.price === '' ? undefined : Number(state.price);
  return {
    ...base,
    modelId: state.model,
    gpuId: state.gpu,
    quantization: { ...(base.quantization ?? {}), weights: state.weights, kvCache: state.kv },
    workload: { ...(base.workload ?? {}), dailyActiveUsers: Number(state.dau), tokensPerUserPerDay: Number(state.tokens) },
    ...(price !== undefined || base.pricing ? { pricing: { ...(base.pricing ?? {}), ...(price !== undefined ? { reservedCnyPerGpuHour: price } : {}) } } : {}),
  };
}

/** The URL holds every input, so the address bar is always a link to the current view. */
function syncUrl(state) {
  const params = new URLSearchParams();
  const scenario = new URLSearchParams(location.search).get('scenario');
  if (scenario) params.set('scenario', scenario);
  for (const [key, value] of Object.entries(state)) if (value !== '' && value !== undefined) params.set(key, value);
  history.replaceState(null, '', `${location.pathname}?${params}`);
  $('share').href = location.href;
}

async function recompute() {
  const state = readInputs();
  syncUrl(state);
  const mine = ++sequence;
  $('status').textContent = 'computing…';
  try {
    const evaluation = await fetchJson('/v1/what-if', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body(state)) });
    if (mine !== sequence) return; // a later change is already on its way
    showError('');
    baseline ??= evaluation;
    $('gpus').textContent = fmt(evaluation.atPeak.gpus);
    $('gpus-mean').textContent = fmt(evaluation.atMean.gpus);
    $('cost-per-user').textContent = fmt(evaluation.cost.costCnyPerDauPerMonth, 2);
    $('cost-month').textContent = fmt(evaluation.cost.costCnyPer30DayMonth);
    $('binding').textContent = evaluation.bindingLimit;
    $('status').textContent = [evaluation.bindingLimitExplanation, ...evaluation.warnings].join(' ');
    renderChart($('charts'), whatIfComparisonChart(baseline, evaluation), { filenamePrefix: 'what-if' });
    renderChart($('charts'), hourlyGpusChart(evaluation), { filenamePrefix: 'what-if' });
    document.body.dataset.ready = 'true';
    document.body.dataset.sequence = String(mine);
  } catch (error) {
    if (mine !== sequence) return;
    $('status').textContent = '';
    showError(error.message);
    document.body.dataset.ready = 'error';
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(recompute, DEBOUNCE_MS);
}

async function start() {
  const [gpus, models, formats] = await Promise.all([fetchJson('/v1/catalog/gpus'), fetchJson('/v1/catalog/models'), fetchJson('/v1/catalog/quantizations')]);
  options($('gpu'), gpus.items, (g) => `${g.name} (${g.priceCnyPerGpuHour} CNY/h)`);
  options($('model'), models.items);
  options($('weights'), formats.weightFormats);
  options($('kv'), formats.kvCacheFormats);
  const params = new URLSearchParams(location.search);
  let state = { ...DEFAULTS };
  const scenarioId = params.get('scenario');
  if (scenarioId) {
    const stored = (await fetchJson(`/v1/scenarios/${encodeURIComponent(scenarioId)}`)).scenario;
    base = stored;
    state = {
      ...state,
      model: stored.modelId ?? state.model,
      gpu: stored.gpuId ?? state.gpu,
      weights: stored.quantization?.weights ?? state.weights,
      kv: stored.quantization?.kvCache ?? state.kv,
      dau: stored.workload?.dailyActiveUsers ?? state.dau,
      tokens: stored.workload?.tokensPerUserPerDay ?? state.tokens,
      price: stored.pricing?.reservedCnyPerGpuHour ?? '',
    };
  }
  for (const key of Object.keys(DEFAULTS)) if (params.has(key)) state[key] = params.get(key);
  writeInputs(state);
  $('dau-slider').addEventListener('input', () => ($('dau').value = Math.round(10 ** Number($('dau-slider').value))));
  $('tokens-slider').addEventListener('input', () => ($('tokens').value = Math.round(10 ** Number($('tokens-slider').value))));
  $('inputs').addEventListener('input', (event) => {
    if (event.target.id === 'dau') $('dau-slider').value = Math.log10(Number($('dau').value) || 1);
    if (event.target.id === 'tokens') $('tokens-slider').value = Math.log10(Number($('tokens').value) || 1);
    schedule();
  });
  $('inputs').addEventListener('change', schedule);
  await recompute();
}

start().catch((error) => {
  showError(error.message);
  document.body.dataset.ready = 'error';
});
