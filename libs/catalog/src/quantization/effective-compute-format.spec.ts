import { GPU_CATALOG } from '../gpus/gpu-catalog.js';
import type { GpuSpec } from '../types.js';
import { effectiveComputeFormat } from './effective-compute-format.js';
import { WEIGHT_FORMATS } from './weight-formats.js';

/** Which tensor-core format a weight format runs in on each GPU generation. */
describe('effective compute format per GPU generation', () => {
  it('FP8 on A100 (Ampere, no FP8 tensor cores) falls back to BF16', () => {
    expect(effectiveComputeFormat(WEIGHT_FORMATS.fp8, GPU_CATALOG['a100-80gb'])).toBe('bf16');
  });

  it('FP8 on H100 runs in FP8', () => {
    expect(effectiveComputeFormat(WEIGHT_FORMATS.fp8, GPU_CATALOG['h100-sxm'])).toBe('fp8');
  });

  it('NVFP4 on H100 (Hopper, no FP4) falls back to BF16', () => {
    expect(effectiveComputeFormat(WEIGHT_FORMATS.fp4, GPU_CATALOG['h100-sxm'])).toBe('bf16');
  });

  it('NVFP4 on B200 runs in FP4', () => {
    expect(effectiveComputeFormat(WEIGHT_FORMATS.fp4, GPU_CATALOG.b200)).toBe('fp4');
  });

  it('INT8 W8A8 on A100 runs in INT8; INT4 weight-only stays BF16 even on B200', () => {
    expect(effectiveComputeFormat(WEIGHT_FORMATS['int8-w8a8'], GPU_CATALOG['a100-40gb'])).toBe('int8');
    expect(effectiveComputeFormat(WEIGHT_FORMATS['int4-w4a16'], GPU_CATALOG.b200)).toBe('bf16');
  });

  it('throws a RangeError when the GPU has neither format', () => {
    const noTensorCores: GpuSpec = {
      ...GPU_CATALOG['a100-80gb'],
      id: 'imaginary',
      peakOpsPerSecond: { bf16: null, fp8: null, int8: null, fp4: null },
    };
    expect(() => effectiveComputeFormat(WEIGHT_FORMATS.fp8, noTensorCores)).toThrow(RangeError);
  });
});
