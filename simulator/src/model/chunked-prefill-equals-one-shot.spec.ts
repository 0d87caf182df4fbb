import { maxAbsDifference, tinyModel } from '../testing/tiny-model.js';

describe('chunked prefill (chunks of 5) against one-shot prefill of a 17-token prompt', () => {
  it('gives the same logits at every position within 1e-5 and the same KV length', () => {
    const model = tinyModel({ format: 'fp32' });
    const prompt = Array.from({ length: 17 }, (_, i) => (i * 37 + 3) % 512);
    const oneShotCache = model.createCache(prompt.length);
    const oneShot = Float32Array.from(model.step([{ cache: oneShotCache, tokens: prompt, logits: 'all' }]).logits);

    const chunkedCache = model.createCache(prompt.length);
    const chunked = new Float32Array(oneShot.length);
    for (let start = 0; start < prompt.length; start += 5) {
      const tokens = prompt.slice(start, start + 5);
      const logits = model.step([{ cache: chunkedCache, tokens, logits: 'all' }]).logits;
      chunked.set(logits, start * 512);
    }
    expect(chunkedCache.length).toBe(17);
    expect(maxAbsDifference(chunked, oneShot)).toBeLessThanOrEqual(1e-5);
  });
});
