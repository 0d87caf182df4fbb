import { KV_CACHE_FORMATS, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { kvBytesPerToken } from './kv-bytes-per-token.js';

// PUBLISHED.md, "KV cache per token, BF16" row, worked from each config.json.
describe('KV bytes per token match the published per-model figures', () => {
  const bf16 = KV_CACHE_FORMATS.bf16;
  const KiB = 1024;

  it('DeepSeek-V3 (MLA): 61 layers × (512 latent + 64 rope) × 2 bytes = 70 272 B = 68.6 KiB', () => {
    const expected = 61 * (512 + 64) * 2;
    expect(expected).toBe(70_272);
    expect(kvBytesPerToken(MODEL_CATALOG['deepseek-v3'], bf16)).toBe(expected);
    expect(expected / KiB).toBeCloseTo(68.6, 1);
  });

  it('Kimi K2 (MLA, same latent): 61 × 576 × 2 = 70 272 B', () => {
    expect(kvBytesPerToken(MODEL_CATALOG['kimi-k2'], bf16)).toBe(61 * 576 * 2);
  });

  it('Mixtral-8x7B (GQA 8 KV heads × 128): 32 × 2 × 8 × 128 × 2 = 131 072 B = 128 KiB', () => {
    expect(kvBytesPerToken(MODEL_CATALOG['mixtral-8x7b'], bf16)).toBe(128 * KiB);
  });

  it('Mixtral-8x22B: 56 × 2 × 8 × 128 × 2 = 224 KiB', () => {
    expect(kvBytesPerToken(MODEL_CATALOG['mixtral-8x22b'], bf16)).toBe(224 * KiB);
  });

  it('Qwen3-235B-A22B: 94 × 2 × 4 × 128 × 2 = 188 KiB', () => {
    expect(kvBytesPerToken(MODEL_CATALOG['qwen3-235b-a22b'], bf16)).toBe(188 * KiB);
  });

  it('Qwen3-30B-A3B: 48 × 2 × 4 × 128 × 2 = 96 KiB', () => {
    expect(kvBytesPerToken(MODEL_CATALOG['qwen3-30b-a3b'], bf16)).toBe(96 * KiB);
  });

  it('an FP8 cache halves it: DeepSeek-V3 61 × 576 × 1 = 35 136 B', () => {
    expect(kvBytesPerToken(MODEL_CATALOG['deepseek-v3'], KV_CACHE_FORMATS.fp8)).toBe(35_136);
  });

  it('rejects a format without bytes', () => {
    expect(() => kvBytesPerToken(MODEL_CATALOG['deepseek-v3'], { ...bf16, bytesPerElement: 0 })).toThrow(
      /kvCacheFormat.bytesPerElement/,
    );
  });
});
