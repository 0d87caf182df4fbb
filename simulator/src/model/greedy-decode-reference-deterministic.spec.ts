import { greedyDecodeAlone, tinyModel } from '../testing/tiny-model.js';

describe('reference backend greedy decode on the tiny shape', () => {
  it('is deterministic: two models from the same seed decode the same 12 tokens', () => {
    const prompt = [1, 17, 300, 42, 5];
    const first = greedyDecodeAlone(tinyModel({ seed: 11 }), prompt, 12);
    const second = greedyDecodeAlone(tinyModel({ seed: 11 }), prompt, 12);
    expect(second).toEqual(first);
    expect(first.every((t) => Number.isInteger(t) && t >= 0 && t < 512)).toBe(true);
    // A different seed is a different model: the sequence should differ somewhere.
    expect(greedyDecodeAlone(tinyModel({ seed: 12 }), prompt, 12)).not.toEqual(first);
  });

  it('reports the distinct experts each layer touched (1 token, top-2 → exactly 2 per layer)', () => {
    const model = tinyModel();
    const result = model.step([{ cache: model.createCache(4), tokens: [3], logits: 'last' }]);
    expect(result.accounting.distinctExpertsPerLayer).toEqual([2, 2]);
  });
});
