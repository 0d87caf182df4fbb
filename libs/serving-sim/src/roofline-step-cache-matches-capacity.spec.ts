import { prepareDeployment } from '../../capacity/src/index.js';
import { mulberry32 } from '../../cost/src/index.js';
import { createServiceModel } from './service-time.js';
import { decodeSeconds, kimi2024OnA100Int8, prefillSeconds } from './testing/kimi-2024-a100-int8.js';

/*
 * The roofline source caches, per batch / chunk size, the compute and memory times at context 0
 * and their slope per context token (both linear in context for a fixed size). It must return
 * what libs/capacity returns: relative 1e-9 (float rounding of the slope only).
 */
describe('roofline service times equal libs/capacity step times', () => {
  const prepared = kimi2024OnA100Int8();
  const model = createServiceModel({ kind: 'roofline', prepared }, mulberry32(1));
  const random = mulberry32(4);

  it('decode: 200 random (batch 1..256, context 0..200 000) points', () => {
    for (let i = 0; i < 200; i++) {
      const batch = 1 + Math.floor(random() * 256);
      const context = random() * 200_000;
      expect(model.decodeSeconds(batch, context) / decodeSeconds(prepared, batch, context)).toBeCloseTo(1, 9);
    }
  });

  it('prefill: 200 random (chunk 1..8192, earlier 0..200 000) points, and a piece longer than a chunk', () => {
    for (let i = 0; i < 200; i++) {
      const tokens = 1 + Math.floor(random() * 8192);
      const earlier = Math.floor(random() * 200_000);
      expect(model.prefillPieceSeconds(tokens, earlier) / prefillSeconds(prepared, tokens, earlier)).toBeCloseTo(1, 9);
    }
    expect(model.prefillPieceSeconds(10_000, 5) / prefillSeconds(prepared, 10_000, 5)).toBeCloseTo(1, 12);
  });
});

/*
 * Under a per-kernel roofline (efficiency.perKernelRoofline) a step is max(GEMM compute, weight
 * bytes) + max(attention compute, KV bytes): no longer one max of two lines in the context, but a
 * context-free GEMM part plus a max of two lines. The cache keeps those parts apart and must still
 * return libs/capacity's number. Same Kimi replica, per-kernel roofline, once with tensor-parallel
 * and once with data-parallel attention (which changes the dense bytes, KV replication and collectives).
 */
describe('roofline service times equal libs/capacity step times under a per-kernel roofline', () => {
  const base = kimi2024OnA100Int8().deployment;
  const efficiency = { ...base.efficiency, perKernelRoofline: true };
  for (const attentionDataParallel of [false, true]) {
    const prepared = prepareDeployment({ ...base, efficiency, attentionDataParallel });
    const model = createServiceModel({ kind: 'roofline', prepared }, mulberry32(1));
    const random = mulberry32(5);

    it(`attentionDataParallel ${String(attentionDataParallel)}: 200 decode and 200 prefill random points`, () => {
      for (let i = 0; i < 200; i++) {
        const batch = 1 + Math.floor(random() * 256);
        const context = random() * 200_000;
        expect(model.decodeSeconds(batch, context) / decodeSeconds(prepared, batch, context)).toBeCloseTo(1, 9);
      }
      for (let i = 0; i < 200; i++) {
        const tokens = 1 + Math.floor(random() * 8192);
        const earlier = Math.floor(random() * 200_000);
        expect(model.prefillPieceSeconds(tokens, earlier) / prefillSeconds(prepared, tokens, earlier)).toBeCloseTo(1, 9);
      }
    });

    it(`attentionDataParallel ${String(attentionDataParallel)}: the per-kernel sum is really in force (step ≥ the single-max step)`, () => {
      const singleMax = prepareDeployment({ ...base, attentionDataParallel });
      // max(a, b) + max(c, d) ≥ max(a + c, b + d): the per-kernel step is never shorter, and is
      // longer wherever the GEMMs and attention are bound by different limits (large prefill
      // chunks: GEMMs compute-bound, attention over a long cached prefix reading KV).
      for (const [batch, context] of [[1, 1000], [64, 20_000], [256, 100_000]] as const) {
        expect(decodeSeconds(prepared, batch, context)).toBeGreaterThanOrEqual(decodeSeconds(singleMax, batch, context));
      }
      const longer = [[1, 0], [256, 100_000], [4096, 100_000], [8192, 200_000]].some(
        ([tokens, earlier]) => prefillSeconds(prepared, tokens!, earlier!) > prefillSeconds(singleMax, tokens!, earlier!) * (1 + 1e-9),
      );
      expect(longer).toBe(true);
    });
  }
});
