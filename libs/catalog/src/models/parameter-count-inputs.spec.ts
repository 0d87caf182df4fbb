import type { ModelSpec } from '../types.js';
import { MODEL_CATALOG } from './model-catalog.js';
import { countParameters } from './parameter-count.js';

const base = MODEL_CATALOG['mixtral-8x7b'];

function variant(change: Partial<ModelSpec>): ModelSpec {
  return { ...base, ...change };
}

describe('countParameters rejects impossible architectures with a RangeError naming the field', () => {
  it.each<[string, ModelSpec, RegExp]>([
    ['zero layers', variant({ numLayers: 0 }), /^numLayers: must be a positive integer, got 0$/],
    ['fractional hidden size', variant({ hiddenSize: 4096.5 }), /^hiddenSize:/],
    ['NaN vocab', variant({ vocabSize: Number.NaN }), /^vocabSize:/],
    ['more dense layers than layers', variant({ numDenseLayers: 33 }), /^numDenseLayers: must not exceed numLayers/],
    ['dense layers without a width', variant({ numDenseLayers: 1, denseIntermediateSize: 0 }), /^denseIntermediateSize:/],
    ['top-k above expert count', variant({ moe: { ...base.moe, numActiveExperts: 9 } }), /^moe\.numActiveExperts:/],
    ['negative shared experts', variant({ moe: { ...base.moe, numSharedExperts: -1 } }), /^moe\.numSharedExperts:/],
    [
      'kv heads not dividing q heads',
      variant({ attention: { kind: 'gqa', numHeads: 32, numKvHeads: 5, headDim: 128 } }),
      /^attention\.numKvHeads: must divide numHeads/,
    ],
  ])('%s', (_name, model, message) => {
    expect(() => countParameters(model)).toThrow(RangeError);
    expect(() => countParameters(model)).toThrow(message);
  });
});

describe('tied word embeddings count the shared matrix once and keep it as the LM head matmul', () => {
  it('Mixtral 8x7B with tied embeddings loses exactly one 32000 × 4096 matrix', () => {
    const untied = countParameters(base);
    const tied = countParameters(variant({ tieWordEmbeddings: true }));
    expect(tied.lmHeadParams).toBe(0);
    expect(untied.totalParams - tied.totalParams).toBe(32000 * 4096);
    expect(tied.activeMatmulParams).toBe(tied.activeParams);
  });
});
