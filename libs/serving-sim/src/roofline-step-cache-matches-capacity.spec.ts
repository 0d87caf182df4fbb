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
