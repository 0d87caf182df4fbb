import { createKernelBackend } from '../kernels/create-backend.js';
import type { KernelWeightFormat } from '../kernels/kernel-backend.js';
import { createReferenceBackend } from '../kernels/reference-backend.js';
import { TINY_SHARED_SHAPE, TINY_SHAPE } from '../presets/presets.js';
import { greedyDecodeAlone, maxAbsDifference, tinyModel } from '../testing/tiny-model.js';

/**
 * The native AVX-512 backend against the TypeScript oracle on the same seeded weights. No skip:
 * createKernelBackend({kind: 'native'}) throws where the addon did not build, and the test fails.
 * Tolerances on logits (whose magnitude is a few units here):
 * - fp32: only the summation order differs (FP32 lanes against the oracle's double sums): a few
 *   FP32 ulps per matmul, compounded over 2 layers → 1e-4 (observed 1.4e-6 at seed 5);
 * - bf16 / int8 / int4: the same FP32 differences before each activation rounding; an activation
 *   that lands on the other side of a rounding boundary moves one element by one step, which the
 *   next matmul spreads as ≈ 1e-3 over logits of magnitude ≈ 4 → 2e-3 (observed 4.8e-7 at seed 5).
 */
const TOLERANCE: Readonly<Record<KernelWeightFormat, number>> = { fp32: 1e-4, bf16: 2e-3, int8: 2e-3, int4: 2e-3 };

describe('native backend against the reference backend on the tiny shape', () => {
  const native = createKernelBackend({ kind: 'native', threads: 2 });
  const reference = createReferenceBackend();
  const prompt = [1, 17, 300, 42, 5, 99, 250, 7];

  for (const format of ['fp32', 'bf16', 'int8', 'int4'] as const) {
    it(`${format}: same experts chosen in every layer, logits within ${TOLERANCE[format]}, same 16 greedy tokens`, () => {
      // The shared-expert shape (8 experts, 1 shared) is checked at int8 too, the bench's format.
      for (const shape of format === 'int8' ? [TINY_SHAPE, TINY_SHARED_SHAPE] : [TINY_SHAPE]) {
        const a = tinyModel({ format, shape, backend: reference, recordRouting: true, seed: 5 });
        const b = tinyModel({ format, shape, backend: native, recordRouting: true, seed: 5 });
        const ra = a.step([{ cache: a.createCache(prompt.length), tokens: prompt, logits: 'all' }]);
        const logitsA = Float32Array.from(ra.logits);
        const rb = b.step([{ cache: b.createCache(prompt.length), tokens: prompt, logits: 'all' }]);
        expect(rb.routedExperts).toEqual(ra.routedExperts);
        expect(maxAbsDifference(Float32Array.from(rb.logits), logitsA)).toBeLessThanOrEqual(TOLERANCE[format]);
        expect(greedyDecodeAlone(b, prompt, 16)).toEqual(greedyDecodeAlone(a, prompt, 16));
      }
    });
  }
});
