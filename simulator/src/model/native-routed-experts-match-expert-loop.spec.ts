import { createNativeBackend } from '../kernels/native-backend.js';
import type { KernelBackend, KernelWeightFormat } from '../kernels/kernel-backend.js';
import { createReferenceBackend } from '../kernels/reference-backend.js';
import { TINY_SHARED_SHAPE, TINY_SHAPE } from '../presets/presets.js';
import { recordPrefillThenDecode, tinyModel } from '../testing/tiny-model.js';

/**
 * The native backend's runRoutedExperts (a layer's experts in one addon call) against the model's
 * own expert loop on the same backend (gather, matmul, swiglu, matmul, weighted add in TypeScript).
 * Both run the same matmul and SwiGLU code and the add is specified as JavaScript's double sum
 * rounded once to FP32, so the logits must be bit-identical, not merely close. No skip: the native
 * backend throws where the addon did not build, and the test fails.
 */
function withoutFusedExperts(backend: KernelBackend): KernelBackend {
  const copy: { -readonly [K in keyof KernelBackend]: KernelBackend[K] } = { ...backend };
  delete copy.runRoutedExperts;
  return copy;
}

describe('native runRoutedExperts against the model expert loop', () => {
  const one = createNativeBackend({ threads: 1 });
  const two = createNativeBackend({ threads: 2 });
  afterAll(() => {
    one.dispose?.();
    two.dispose?.();
  });

  const cases: { format: KernelWeightFormat; shape: typeof TINY_SHAPE; backend: KernelBackend; label: string }[] = [
    { format: 'int8', shape: TINY_SHAPE, backend: one, label: 'int8, 4 experts top-2, 1 thread' },
    { format: 'int8', shape: TINY_SHARED_SHAPE, backend: two, label: 'int8, 8 experts top-2 + 1 shared, 2 threads' },
    { format: 'fp32', shape: TINY_SHAPE, backend: one, label: 'fp32, 4 experts top-2, 1 thread' },
    { format: 'int4', shape: TINY_SHAPE, backend: two, label: 'int4, 4 experts top-2, 2 threads' },
  ];
  for (const { format, shape, backend, label } of cases) {
    it(`${label}: a 9-token prefill then 3 decode steps of 2 sequences give the same logits bit for bit and the same accounting`, () => {
      expect(backend.runRoutedExperts).toBeDefined();
      const fused = tinyModel({ format, shape, backend, seed: 11, recordRouting: true });
      const loop = tinyModel({ format, shape, backend: withoutFusedExperts(backend), seed: 11, recordRouting: true });
      // Both prompts at once first: experts see several tokens each (gather and scatter of m > 1 rows).
      const prompts = [
        [3, 14, 159, 26, 5, 35, 89, 79, 32],
        [2, 71, 82],
      ];
      const a = recordPrefillThenDecode(fused, prompts, 3);
      const b = recordPrefillThenDecode(loop, prompts, 3);
      expect(a.routing).toEqual(b.routing);
      expect(a.accounting).toEqual(b.accounting);
      a.logits.forEach((logits, step) => expect(logits.equals(b.logits[step]!)).toBe(true));
    });
  }

  it('refuses experts packed by another backend, with a RangeError naming the field', () => {
    const reference = createReferenceBackend();
    const matrix = (rows: number, cols: number) => reference.pack({ format: 'fp32', rows, cols, values: new Float32Array(rows * cols) });
    const experts = [{ gateUp: matrix(256, 64), down: matrix(64, 128) }];
    const call = () =>
      one.runRoutedExperts!({
        input: new Float32Array(64),
        hiddenSize: 64,
        experts,
        starts: Int32Array.from([0, 1]),
        tokens: Int32Array.from([0]),
        weights: Float32Array.from([1]),
        output: new Float32Array(64),
      });
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/runRoutedExperts.experts.gateUp: packed by another backend/);
  });

  it('refuses an assignment whose row is outside the output, before touching native memory', () => {
    const gateUp = one.pack({ format: 'fp32', rows: 256, cols: 64, values: new Float32Array(256 * 64) });
    const down = one.pack({ format: 'fp32', rows: 64, cols: 128, values: new Float32Array(64 * 128) });
    expect(() =>
      one.runRoutedExperts!({
        input: new Float32Array(2 * 64),
        hiddenSize: 64,
        experts: [{ gateUp, down }],
        starts: Int32Array.from([0, 1]),
        tokens: Int32Array.from([1]),
        weights: Float32Array.from([1]),
        output: new Float32Array(64),
      }),
    ).toThrow(/routedExperts.tokens: a row outside input or output/);
  });
});
