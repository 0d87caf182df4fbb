import { KV_CACHE_FORMATS, findKvCacheFormat } from './kv-cache-formats.js';
import { WEIGHT_FORMATS, findWeightFormat } from './weight-formats.js';

/** Bytes per element worked out from each format's layout, as the papers / vendor docs define it. */
describe('weight format bytes per parameter, scale overhead included', () => {
  it('BF16 is 2 bytes', () => {
    expect(WEIGHT_FORMATS.bf16.bytesPerParam).toBe(2);
  });

  it('FP8 block 128×128 (DeepSeek-V3) is 1 byte + one fp32 scale per 16384 weights = 1.000244', () => {
    expect(WEIGHT_FORMATS.fp8.bytesPerParam).toBeCloseTo(1.000244, 6);
  });

  it('INT4 group-128 (GPTQ / AWQ) is 0.5 + fp16 scale 2/128 + 4-bit zero 0.5/128 = 0.51953 bytes', () => {
    expect(WEIGHT_FORMATS['int4-w4a16'].bytesPerParam).toBeCloseTo(0.51953125, 8);
  });

  it('NVFP4 is 0.5 + one FP8 scale per 16 values = 0.5625 bytes', () => {
    expect(WEIGHT_FORMATS.fp4.bytesPerParam).toBe(0.5625);
  });

  it('INT8 (both variants) is 1 byte + per-channel fp32 scale over 4096 inputs ≈ 1.001', () => {
    expect(WEIGHT_FORMATS['int8-w8a8'].bytesPerParam).toBeCloseTo(1.000977, 6);
    expect(WEIGHT_FORMATS['int8-w8a16'].bytesPerParam).toBeCloseTo(1.000977, 6);
  });

  it('weight-only formats compute in BF16; W8A8 formats in their own format', () => {
    expect(WEIGHT_FORMATS['int8-w8a16'].computeFormat).toBe('bf16');
    expect(WEIGHT_FORMATS['int4-w4a16'].computeFormat).toBe('bf16');
    expect(WEIGHT_FORMATS['int8-w8a8'].computeFormat).toBe('int8');
    expect(WEIGHT_FORMATS.fp8.computeFormat).toBe('fp8');
    expect(WEIGHT_FORMATS.fp4.computeFormat).toBe('fp4');
  });
});

describe('KV-cache format bytes per element', () => {
  it('BF16 2, FP8 1 (per-tensor scale), INT8 1 + fp16 scale per 128-wide head = 1.015625', () => {
    expect(KV_CACHE_FORMATS.bf16.bytesPerElement).toBe(2);
    expect(KV_CACHE_FORMATS.fp8.bytesPerElement).toBe(1);
    expect(KV_CACHE_FORMATS.int8.bytesPerElement).toBe(1.015625);
  });
});

describe('format lookup by id', () => {
  it('finds catalogued ids and nothing else, prototype keys included', () => {
    expect(findWeightFormat('fp8')).toBe(WEIGHT_FORMATS.fp8);
    expect(findWeightFormat('int3')).toBeUndefined();
    expect(findWeightFormat('constructor')).toBeUndefined();
    expect(findKvCacheFormat('int8')).toBe(KV_CACHE_FORMATS.int8);
    expect(findKvCacheFormat('toString')).toBeUndefined();
  });
});
