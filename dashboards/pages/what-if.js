import { hourlyGpusChart, whatIfComparisonChart } from '/dashboards/charts/what-if-charts.js';
import { fetchJson, fmt, renderChart, showError } from './common.js';

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 250;
const DEFAULTS = { model: 'kimi-2024', gpu: 'a100-80gb', weights: 'int8-w8a16', kv: 'bf16', experts: '', topk: '', dau: 1_000_000, tokens: 100_000, price: '', coefficients: 'default' };
const KEYS = Object.keys(DEFAULTS);
// What POST /v1/what-if takes as customModel (its DTO forbids other keys, so the catalog entry is trimmed to these).
const CUSTOM_MODEL_KEYS = ['name', 'numLayers', 'numDenseLayers', 'hiddenSize', 'denseIntermediateSize', 'vocabSize', 'tieWordEmbeddings', 'maxContextTokens'];
const ATTENTION_KEYS = ['kind', 'numHeads', 'numKvHeads', 'headDim', 'qLoraRank', 'kvLoraRank', 'qkNopeHeadDim', 'qkRopeHeadDim', 'vHeadDim'];
const MOE_KEYS = ['numRoutedExperts', 'numActiveExperts', 'numSharedExperts', 'expertIntermediateSize'];

/** The request body beyond the inputs on this page (deployment, SLO, … of a stored scenario). */
let base = {};
let baseline = null;
let sequence = 0;
let timer = null;
/** Catalog models by id (plus a stored scenario's custom model), the templates experts / top-k overrides start from. */
const models = new Map();

const pick = (object, keys) => Object.fromEntries(keys.filter((k) => object?.[k] !== undefined && object[k] !== null).map((k) => [k, object[k]]));

function options(select, items, label = (x) => x.name ?? x.id) {
  select.innerHTML = items.map((x) => `<option value="${x.id}">${label(x).replace(/</g, '&lt;')}</option>`).join('');
}

function readInputs() {
  return Object.fromEntries(KEYS.map((key) => [key, $(key).value]));
}

/** Experts and top-k start at the chosen model's own values; blank means "as the model has it". */
function modelDefaults(modelId) {
  const moe = models.get(modelId)?.moe;
  $('experts').value = moe?.numRoutedExperts ?? '';
  $('topk').value = moe?.numActiveExperts ?? '';
}

/**
 * The model part of the request: the catalog id while experts and top-k are the model's own, else a
 * customModel copied from the catalog entry with the routed experts and top-k changed (every other
 * dimension kept), which is how the what-if API takes a model that is not in the catalog.
 */
function modelPart(state) {
  const template = models.get(state.model);
  if (!template) return { modelId: state.model };
  const experts = state.experts === '' ? template.moe.numRoutedExperts : Number(state.experts);
  const topK = state.topk === '' ? template.moe.numActiveExperts : Number(state.topk);
  const changed = experts !== template.moe.numRoutedExperts || topK !== template.moe.numActiveExperts;
  $('model-note').textContent = changed || template.custom ? `Custom model: ${template.id} with ${experts} routed experts per layer, top-${topK} (other dimensions as ${template.custom ? 'stored' : 'in the catalog'}).` : '';
  if (!changed && !template.custom) return { modelId: state.model };
  return {
    customModel: {
      ...pick(template, CUSTOM_MODEL_KEYS),
      id: changed ? `${template.id}-e${experts}-top${topK}`.slice(0, 64) : template.id,
      attention: pick(template.attention, ATTENTION_KEYS),
      moe: { ...pick(template.moe, MOE_KEYS), numRoutedExperts: experts, numActiveExperts: topK },
    },
  };
}

function writeInputs(state) {
  for (const key of KEYS) if (state[key] !== undefined) $(key).value = state[key];
  const moe = models.get(state.model)?.moe;
  if (moe && !state.experts) $('experts').value = moe.numRoutedExperts;
  if (moe && !state.topk) $('topk').value = moe.numActiveExperts;
  $('dau-slider').value = Math.log10(Number($('dau').value) || 1);
  $('tokens-slider').value = Math.log10(Number($('tokens').value) || 1);
}

function body(state) {
  const price = state.price === '' ? undefined : Number(state.price);
  const { modelId: _modelId, customModel: _customModel, efficiencyPreset: _preset, ...kept } = base;
  // The fitted set replaces whatever coefficients a stored scenario carried (the API takes one source).
  const { efficiency: _efficiency, calibrationProfileId: _profile, ...withoutCoefficients } = kept;
  const rest = state.coefficients === 'published-fit' ? { ...withoutCoefficients, efficiencyPreset: 'published-fit' } : kept;
  return {
    ...rest,
    ...modelPart(state),
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
  const [gpus, catalogModels, formats] = await Promise.all([fetchJson('/v1/catalog/gpus'), fetchJson('/v1/catalog/models'), fetchJson('/v1/catalog/quantizations')]);
  options($('gpu'), gpus.items, (g) => `${g.name} (${g.priceCnyPerGpuHour} CNY/h)`);
  for (const m of catalogModels.items) models.set(m.id, m);
  options($('model'), catalogModels.items);
  options($('weights'), formats.weightFormats);
  options($('kv'), formats.kvCacheFormats);
  const params = new URLSearchParams(location.search);
  let state = { ...DEFAULTS };
  const scenarioId = params.get('scenario');
  if (scenarioId) {
    const stored = (await fetchJson(`/v1/scenarios/${encodeURIComponent(scenarioId)}`)).scenario;
    base = stored;
    if (stored.customModel) {
      models.set(stored.customModel.id, { ...stored.customModel, custom: true });
      $('model').insertAdjacentHTML('afterbegin', `<option value="${stored.customModel.id.replace(/"/g, '&quot;')}">${(stored.customModel.name ?? stored.customModel.id).replace(/</g, '&lt;')} (custom)</option>`);
    }
    state = {
      ...state,
      model: stored.modelId ?? stored.customModel?.id ?? state.model,
      gpu: stored.gpuId ?? state.gpu,
      weights: stored.quantization?.weights ?? state.weights,
      kv: stored.quantization?.kvCache ?? state.kv,
      dau: stored.workload?.dailyActiveUsers ?? state.dau,
      tokens: stored.workload?.tokensPerUserPerDay ?? state.tokens,
      price: stored.pricing?.reservedCnyPerGpuHour ?? '',
      coefficients: stored.efficiencyPreset ?? state.coefficients,
    };
  }
  for (const key of Object.keys(DEFAULTS)) if (params.has(key)) state[key] = params.get(key);
  writeInputs(state);
  $('dau-slider').addEventListener('input', () => ($('dau').value = Math.round(10 ** Number($('dau-slider').value))));
  $('tokens-slider').addEventListener('input', () => ($('tokens').value = Math.round(10 ** Number($('tokens-slider').value))));
  $('inputs').addEventListener('input', (event) => {
    if (event.target.id === 'model') modelDefaults($('model').value);
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
