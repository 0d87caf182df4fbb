import type { ForecastSpec, ScenarioSpec } from '../../../libs/cost/src/index.js';
import { InputError, type JsonFile } from './input-file.js';

const SCENARIO_FIELDS = new Set(['model', 'modelId', 'gpu', 'gpuId', 'quantization', 'deployment', 'workload', 'slo', 'pricing', 'efficiency', 'name', 'description', '$comment']);
const FORECAST_FIELDS = new Set(['scenario', 'months', 'growth', 'tokensPerUser', 'hardwareSteps', 'power', 'uncertainty', 'samples', 'seed', 'budgetCnyPerMonth', 'name', '$comment']);

function object(value: unknown, field: string, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${path}: ${field || 'the file'}: must be a JSON object`);
  return value as Record<string, unknown>;
}

function onlyKnown(value: Record<string, unknown>, known: Set<string>, prefix: string, path: string): void {
  for (const key of Object.keys(value)) if (!known.has(key)) throw new InputError(`${path}: ${prefix}${key}: unknown field (expected one of ${[...known].filter((k) => k !== '$comment').join(', ')})`);
}

/**
 * A scenario as the API's POST /v1/what-if takes it (modelId, gpuId) or as libs/cost's
 * ScenarioSpec (model, gpu: a catalog id or an inline spec); name and description are labels.
 */
export function toScenario(value: unknown, path: string, prefix = ''): ScenarioSpec {
  const raw = object(value, prefix.replace(/\.$/, ''), path);
  onlyKnown(raw, SCENARIO_FIELDS, prefix, path);
  if (raw['model'] !== undefined && raw['modelId'] !== undefined) throw new InputError(`${path}: ${prefix}modelId: give either model or modelId, not both`);
  if (raw['gpu'] !== undefined && raw['gpuId'] !== undefined) throw new InputError(`${path}: ${prefix}gpuId: give either gpu or gpuId, not both`);
  const { modelId, gpuId, name: _name, description: _description, $comment: _comment, ...rest } = raw;
  const spec = { ...rest, model: rest['model'] ?? modelId, gpu: rest['gpu'] ?? gpuId } as Record<string, unknown>;
  if (spec['model'] === undefined) throw new InputError(`${path}: ${prefix}modelId: is required (a catalog id such as "kimi-2024")`);
  if (spec['gpu'] === undefined) throw new InputError(`${path}: ${prefix}gpuId: is required (a catalog id such as "a100-80gb")`);
  if (spec['quantization'] === undefined) throw new InputError(`${path}: ${prefix}quantization: is required ({ "weights": …, "kvCache": … })`);
  return spec as unknown as ScenarioSpec;
}

export function toForecast(value: unknown, path: string): ForecastSpec {
  const raw = object(value, '', path);
  onlyKnown(raw, FORECAST_FIELDS, '', path);
  const { name: _name, $comment: _comment, ...rest } = raw;
  return { ...rest, scenario: toScenario(raw['scenario'], path, 'scenario.') } as unknown as ForecastSpec;
}

export const labelOf = (value: unknown): string | undefined =>
  value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string' ? (value as { name: string }).name : undefined;
