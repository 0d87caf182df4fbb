import {
  findGpu,
  findKvCacheFormat,
  findModel,
  findWeightFormat,
  type GpuId,
  type GpuSpec,
  type KvCacheFormat,
  type ModelSpec,
  type WeightFormat,
} from '../../../catalog/src/index.js';
import {
  DEFAULT_EFFICIENCY,
  GPU_FAMILY,
  publishedFitEfficiency,
  minimumGpusForWeights,
  prepareDeployment,
  type DeploymentSpec,
  type EfficiencyCoefficients,
  type MemoryBreakdown,
  type PreparedDeployment,
  type SloSpec,
} from '../../../capacity/src/index.js';
import { DEFAULT_WORKLOAD, validateWorkload, type WorkloadSpec } from '../../../workload/src/index.js';
import { defaultPricing } from '../pricing/default-pricing.js';
import { validatePricing } from '../pricing/validate-pricing.js';
import { DEFAULT_DEPLOYMENT, DEFAULT_SLO, MAX_AUTO_TENSOR_PARALLEL_SIZE, type DeploymentDefaults } from './defaults.js';
import { EFFICIENCY_PRESETS, type PricingSpec, type ScenarioSpec } from './types.js';

/** A scenario with every reference looked up and every default filled in. */
export interface ResolvedScenario {
  readonly model: ModelSpec;
  readonly gpu: GpuSpec;
  /** The replica to evaluate, tensorParallelSize included (chosen when the scenario left it out). */
  readonly deployment: DeploymentSpec;
  readonly workload: WorkloadSpec;
  readonly slo: SloSpec;
  readonly pricing: PricingSpec;
  readonly targetUtilizationFraction: number;
  /** GPUs one copy of the weights needs at the usable HBM fraction and reserve. */
  readonly minimumGpusForWeights: number;
  /** true when resolveScenario chose tensorParallelSize, false when the scenario gave it. */
  readonly tensorParallelSizeChosen: boolean;
  /** Memory of the chosen replica. */
  readonly memory: MemoryBreakdown;
  /** The deployment validated and prepared for step-time evaluation (computed while choosing; reused by evaluateWhatIf). */
  readonly prepared: PreparedDeployment;
}

type Defined<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

/**
 * Defaults overlaid with the given values, skipping keys whose value is undefined: request DTOs
 * declare every optional field, so `{ ...dto }` carries explicit undefineds that must not erase a
 * default.
 */
function overlay<T extends object>(defaults: Defined<T>, given: Partial<T> | undefined): Defined<T> {
  if (given === undefined || given === null) return defaults;
  // Spread first (one fast object clone in V8), then put back the defaults that undefineds erased.
  const result: Record<string, unknown> = { ...defaults, ...given };
  for (const key in given) {
    if ((given as Record<string, unknown>)[key] === undefined) result[key] = (defaults as Record<string, unknown>)[key];
  }
  return result as Defined<T>;
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function resolveModel(model: string | ModelSpec): ModelSpec {
  if (typeof model === 'string') {
    const found = findModel(model);
    if (!found) throw new RangeError(`model: unknown catalog id "${model}"`);
    return found;
  }
  if (!isObject(model) || typeof model.id !== 'string') {
    throw new RangeError(`model: must be a catalog id or a model spec with an id, got ${String(model)}`);
  }
  return model;
}

function resolveGpu(gpu: string | GpuSpec): GpuSpec {
  if (typeof gpu === 'string') {
    const found = findGpu(gpu);
    if (!found) throw new RangeError(`gpu: unknown catalog id "${gpu}"`);
    return found;
  }
  if (!isObject(gpu) || typeof gpu.id !== 'string') {
    throw new RangeError(`gpu: must be a catalog id or a GPU spec with an id, got ${String(gpu)}`);
  }
  return gpu;
}

function weightFormat(id: string, field: string): WeightFormat {
  if (id === undefined) throw new RangeError(`${field}: is required`);
  const found = typeof id === 'string' ? findWeightFormat(id) : undefined;
  if (!found) throw new RangeError(`${field}: unknown weight format "${String(id)}"`);
  return found;
}

function kvCacheFormat(id: string): KvCacheFormat {
  if (id === undefined) throw new RangeError('quantization.kvCache: is required');
  const found = typeof id === 'string' ? findKvCacheFormat(id) : undefined;
  if (!found) throw new RangeError(`quantization.kvCache: unknown KV cache format "${String(id)}"`);
  return found;
}

function positive(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${field}: must be a finite number > 0, got ${String(value)}`);
  }
}

function resolveEfficiency(given: Partial<EfficiencyCoefficients> | undefined): EfficiencyCoefficients {
  if (given === undefined || given === null) return DEFAULT_EFFICIENCY;
  const merged = overlay<EfficiencyCoefficients>(DEFAULT_EFFICIENCY as Defined<EfficiencyCoefficients>, given);
  const overridden = (['computeEfficiencyFraction', 'memoryEfficiencyFraction', 'interconnectEfficiencyFraction', 'stepOverheadSeconds'] as const).filter(
    (key) => given[key] !== undefined,
  );
  if (overridden.length === 0 || given.source !== undefined) return merged;
  // Coefficients changed by hand keep the default provenance but must not claim the default source.
  return { ...merged, source: `${DEFAULT_EFFICIENCY.source} Overridden in the scenario: ${overridden.join(', ')}.` };
}

/** `efficiencyPreset` or `efficiency` (overlaid on the defaults), never both. */
function resolveEfficiencyChoice(spec: ScenarioSpec, gpu: GpuSpec): EfficiencyCoefficients {
  const preset = spec.efficiencyPreset;
  if (preset === undefined || preset === 'default') return resolveEfficiency(spec.efficiency);
  if (preset !== 'published-fit') {
    throw new RangeError(`efficiencyPreset: must be one of ${EFFICIENCY_PRESETS.join(', ')}, got ${JSON.stringify(preset)}`);
  }
  if (spec.efficiency !== undefined && spec.efficiency !== null) {
    throw new RangeError('efficiencyPreset: give either efficiencyPreset or efficiency, not both');
  }
  if (typeof spec.gpu !== 'string' || !Object.hasOwn(GPU_FAMILY, gpu.id)) {
    throw new RangeError('efficiencyPreset: published-fit is fitted per GPU family of the catalog; a custom GPU has none (give efficiency instead)');
  }
  return publishedFitEfficiency(gpu.id as GpuId);
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * Looks up the scenario's catalog ids and fills every default (see defaults.ts, DEFAULT_WORKLOAD,
 * defaultPricing). When tensorParallelSize is absent it picks the smallest power of two, at least
 * minimumGpusForWeights, whose KV cache holds one whole mean request (meanPrompt + meanOutput
 * tokens), capped at 64; when none up to 64 does, 64 is kept and evaluateWhatIf reports the
 * memory limit.
 *
 * @throws RangeError naming the field: 'model: unknown catalog id "x"', 'quantization.weights: …',
 *   'deployment.targetUtilizationFraction: …', 'workload.dailyActiveUsers: …', …
 */
export function resolveScenario(spec: ScenarioSpec): ResolvedScenario {
  if (!isObject(spec)) throw new RangeError(`scenario: must be an object, got ${String(spec)}`);
  const model = resolveModel(spec.model);
  const gpu = resolveGpu(spec.gpu);
  const quantization = spec.quantization;
  if (!isObject(quantization)) throw new RangeError(`quantization: must be an object, got ${String(quantization)}`);
  const weights = weightFormat(quantization.weights, 'quantization.weights');
  const experts = quantization.experts === undefined ? weights : weightFormat(quantization.experts, 'quantization.experts');
  const kvCache = kvCacheFormat(quantization.kvCache);

  const deploymentChoice = overlay<DeploymentDefaults>(DEFAULT_DEPLOYMENT, spec.deployment);
  const targetUtilizationFraction = deploymentChoice.targetUtilizationFraction;
  if (
    typeof targetUtilizationFraction !== 'number' ||
    !Number.isFinite(targetUtilizationFraction) ||
    targetUtilizationFraction <= 0 ||
    targetUtilizationFraction > 1
  ) {
    throw new RangeError(`deployment.targetUtilizationFraction: must be a fraction in (0, 1], got ${String(targetUtilizationFraction)}`);
  }
  const workload = overlay<WorkloadSpec>(DEFAULT_WORKLOAD, spec.workload);
  const requestSizes = overlay(DEFAULT_WORKLOAD.requestSizes, spec.workload?.requestSizes);
  const resolvedWorkload: WorkloadSpec = requestSizes === workload.requestSizes ? workload : { ...workload, requestSizes };
  validateWorkload(resolvedWorkload);
  // A mean request longer than the model's context window is not a capacity question but a
  // mistake in the scenario: refuse it here, naming the field, rather than report it unservable.
  const meanSequenceTokens = requestSizes.meanPromptTokens + requestSizes.meanOutputTokens;
  if (meanSequenceTokens > model.maxContextTokens) {
    throw new RangeError(
      `workload.requestSizes.meanPromptTokens: a mean request of ${meanSequenceTokens} tokens (prompt + output) exceeds ${model.id}'s ${model.maxContextTokens}-token context window`,
    );
  }
  const slo = overlay<SloSpec>(DEFAULT_SLO, spec.slo);
  positive(slo.ttftSeconds, 'slo.ttftSeconds');
  positive(slo.tpotSeconds, 'slo.tpotSeconds');
  const pricing = defaultPricing(gpu, spec.pricing);
  validatePricing(pricing);
  const efficiency = resolveEfficiencyChoice(spec, gpu);

  const minimumGpus = minimumGpusForWeights(
    model,
    weights,
    experts,
    gpu,
    deploymentChoice.usableHbmFraction,
    deploymentChoice.reservedBytesPerGpu,
  );
  const base = {
    gpu,
    model,
    weightFormat: weights,
    expertWeightFormat: experts,
    kvCacheFormat: kvCache,
    expertParallel: deploymentChoice.expertParallel,
    // Only when asked: absent is the model every existing scenario was evaluated with.
    ...(deploymentChoice.attentionDataParallel === true ? { attentionDataParallel: true } : {}),
    usableHbmFraction: deploymentChoice.usableHbmFraction,
    reservedBytesPerGpu: deploymentChoice.reservedBytesPerGpu,
    maxBatchSequences: deploymentChoice.maxBatchSequences,
    prefillChunkTokens: deploymentChoice.prefillChunkTokens,
    efficiency,
  };

  const given = spec.deployment?.tensorParallelSize;
  let prepared: PreparedDeployment;
  if (given !== undefined) {
    prepared = prepareDeployment({ ...base, tensorParallelSize: given });
  } else {
    const requestTokens = requestSizes.meanPromptTokens + requestSizes.meanOutputTokens;
    const first = Number.isFinite(minimumGpus) ? Math.min(nextPowerOfTwo(minimumGpus), MAX_AUTO_TENSOR_PARALLEL_SIZE) : MAX_AUTO_TENSOR_PARALLEL_SIZE;
    prepared = prepareDeployment({ ...base, tensorParallelSize: first });
    for (let size = first * 2; size <= MAX_AUTO_TENSOR_PARALLEL_SIZE; size *= 2) {
      if (prepared.memory.fitsWeights && prepared.memory.kvCapacityTokens >= requestTokens) break;
      prepared = prepareDeployment({ ...base, tensorParallelSize: size });
    }
  }

  return {
    model,
    gpu,
    deployment: prepared.deployment,
    workload: resolvedWorkload,
    slo,
    pricing,
    targetUtilizationFraction,
    minimumGpusForWeights: minimumGpus,
    tensorParallelSizeChosen: given === undefined,
    memory: prepared.memory,
    prepared,
  };
}
