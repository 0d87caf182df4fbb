import { GPU_CATALOG } from '../../../catalog/src/index.js';
import { DEFAULT_EFFICIENCY } from '../efficiency/defaults.js';
import { gemmTime, type GemmShape } from './gemm-time.js';

// Llama-2-70B fused gate+up projection, one TP4 shard: n = 2 × 28 672 / 4 = 14 336, k = 8 192
// (PUBLISHED.md K1/K2, vidur mlp.csv). A100-80GB: 2 039 GB/s, 312 TFLOP/s BF16 dense.
const a100 = GPU_CATALOG['a100-80gb'];
const shape = (m: number): GemmShape => ({
  m,
  n: 14336,
  k: 8192,
  weightBytesPerParam: 2,
  activationBytesPerElement: 2,
  computeFormat: 'bf16',
});

describe('Llama-2-70B gate+up GEMM (TP4 shard) on A100-80GB, default efficiency', () => {
  it('1 token is a weight read: (14 336 × 8 192 × 2 + (8 192 + 14 336) × 2) B / (2 039 GB/s × 0.8)', () => {
    const t = gemmTime(a100, shape(1), DEFAULT_EFFICIENCY);
    const bytes = 14336 * 8192 * 2 + (8192 + 14336) * 2; // 234 926 080
    expect(t.bytesMoved).toBe(bytes);
    expect(t.bound).toBe('bandwidth');
    // 234 926 080 / 1.6312e12 = 0.1440 ms; vidur measured 0.150 ms (K1), so the model is 4 % fast.
    expect(t.seconds).toBeCloseTo(bytes / (2039e9 * 0.8), 12);
    expect(t.seconds * 1e3).toBeCloseTo(0.144, 3);
  });

  it('4 096 tokens are compute-bound: 2 × 4 096 × 14 336 × 8 192 FLOP / (312 T × 0.6)', () => {
    const t = gemmTime(a100, shape(4096), DEFAULT_EFFICIENCY);
    const flops = 2 * 4096 * 14336 * 8192; // 9.621e11
    expect(t.flops).toBe(flops);
    expect(t.bound).toBe('compute');
    // 5.139 ms against vidur's 3.835 ms (K2): one GEMM reaches ≈ 0.8 of peak, the step-level 0.6 under-states it.
    expect(t.seconds * 1e3).toBeCloseTo((flops / (312e12 * 0.6)) * 1e3, 9);
    expect(t.seconds * 1e3).toBeCloseTo(5.139, 3);
  });

  it('rejects a format the GPU has no tensor cores for, and an empty dimension', () => {
    expect(() => gemmTime(a100, { ...shape(1), computeFormat: 'fp4' }, DEFAULT_EFFICIENCY)).toThrow(/computeFormat/);
    expect(() => gemmTime(a100, shape(0), DEFAULT_EFFICIENCY)).toThrow(/shape\.m/);
  });
});
