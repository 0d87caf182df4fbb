import type { ModelSpec } from '../types.js';
import { MODEL_CATALOG, findModel, listModels } from './model-catalog.js';

const models = listModels();

function numbersIn(value: unknown, path: string): Array<[string, number]> {
  if (typeof value === 'number') return [[path, value]];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => numbersIn(inner, `${path}.${key}`));
  }
  return [];
}

describe('model catalog integrity', () => {
  it('holds the seven catalogued models, each under its own id', () => {
    expect(models.map((model) => model.id).sort()).toEqual(
      ['deepseek-v3', 'kimi-2024', 'kimi-k2', 'mixtral-8x22b', 'mixtral-8x7b', 'qwen3-235b-a22b', 'qwen3-30b-a3b'],
    );
    for (const [key, model] of Object.entries(MODEL_CATALOG)) expect(model.id).toBe(key);
    expect(new Set(models.map((model) => model.id)).size).toBe(models.length);
  });

  it.each(models.map((model) => [model.id, model] as const))('%s: numbers finite, sizes positive, source given', (_id, model) => {
    // numDenseLayers, denseIntermediateSize and numSharedExperts may be 0; everything else must be positive.
    const mayBeZero = new Set(['.numDenseLayers', '.denseIntermediateSize', '.moe.numSharedExperts']);
    for (const [path, value] of numbersIn(model, '')) {
      expect({ path, ok: Number.isFinite(value) && (value > 0 || (mayBeZero.has(path) && value === 0)) }).toEqual({ path, ok: true });
    }
    expect(model.source.length).toBeGreaterThan(20);
    expect(model.publishedActiveParams).toBeLessThan(model.publishedTotalParams);
  });

  it('is frozen all the way down: mutation throws in strict mode', () => {
    const model = MODEL_CATALOG['deepseek-v3'] as { -readonly [K in keyof ModelSpec]: ModelSpec[K] };
    expect(() => {
      model.numLayers = 1;
    }).toThrow(TypeError);
    expect(() => {
      (model.moe as { numActiveExperts: number }).numActiveExperts = 1;
    }).toThrow(TypeError);
    expect(() => (listModels() as ModelSpec[]).pop()).toThrow(TypeError);
  });

  it('findModel finds own ids only', () => {
    expect(findModel('kimi-k2')).toBe(MODEL_CATALOG['kimi-k2']);
    expect(findModel('kimi-k3')).toBeUndefined();
    expect(findModel('hasOwnProperty')).toBeUndefined();
  });
});
