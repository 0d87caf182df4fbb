import { maxAbsDifference, tinyModel } from '../testing/tiny-model.js';

describe('INT8 KV cache (per token and head, scale max|x| / 127) against an FP32 KV cache', () => {
  it('keeps the logits after a 24-token prompt within 0.05 (about 2 % of their spread) and a quarter of the bytes', () => {
    // Tolerance: each cached value is off by at most half a step, scale/2 = max|x| / 254 ≈ 0.4 % of the
    // vector's largest entry; through 2 layers of attention this moves logits of spread ≈ 3 by a few hundredths.
    const prompt = Array.from({ length: 24 }, (_, i) => (i * 97 + 11) % 512);
    const fp32 = tinyModel({ kvCacheFormat: 'fp32' });
    const int8 = tinyModel({ kvCacheFormat: 'int8' });
    const a = Float32Array.from(fp32.step([{ cache: fp32.createCache(24), tokens: prompt, logits: 'all' }]).logits);
    const int8Cache = int8.createCache(24);
    const resultInt8 = int8.step([{ cache: int8Cache, tokens: prompt, logits: 'all' }]);
    const b = Float32Array.from(resultInt8.logits);
    let spread = 0;
    for (const v of a) spread = Math.max(spread, Math.abs(v));
    expect(spread).toBeGreaterThan(0.5);
    expect(maxAbsDifference(a, b)).toBeLessThan(0.05);
    // KV read by the step: 24 tokens × 2 layers × (K, V) × 2 heads × (32 bytes + 4-byte scale) = 6,912 bytes;
    // in FP32: 24 × 2 × 2 × 2 × 32 × 4 = 24,576 bytes.
    expect(resultInt8.accounting.kvBytesRead).toBe(6_912);
  });
});
