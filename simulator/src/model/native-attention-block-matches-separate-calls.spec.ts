import { createNativeBackend } from '../kernels/native-backend.js';
import type { KernelBackend, KernelWeightFormat } from '../kernels/kernel-backend.js';
import { createReferenceBackend } from '../kernels/reference-backend.js';
import { TINY_SHARED_SHAPE, TINY_SHAPE } from '../presets/presets.js';
import { recordPrefillThenDecode, tinyModel } from '../testing/tiny-model.js';
import type { KvCacheFormat } from './kv-cache.js';

/**
 * The native backend's attentionBlock (a layer's norms, QKV, RoPE, KV append, attention, O,
 * residual, norm and router in one addon call) against the model's own path on the same backend
 * (the same matmul and attention calls, with the norms, RoPE, residual add and cache writes in
 * TypeScript). The block is specified to do the TypeScript's double arithmetic, so logits, routing
 * and every byte written to the KV caches must be identical, not merely close. No skip: the native
 * backend throws where the addon did not build, and the test fails.
 */
function withoutAttentionBlock(backend: KernelBackend): KernelBackend {
  const copy: { -readonly [K in keyof KernelBackend]: KernelBackend[K] } = { ...backend };
  delete copy.attentionBlock;
  return copy;
}

const TWO_PROMPTS = [
  [3, 14, 159, 26, 5, 35, 89, 79, 32],
  [2, 71, 82],
];
// 27 tokens in the first step: the block splits its rows and segments between threads (≥ 16 rows).
const SIX_PROMPTS = [[1, 2, 3, 4, 5, 6, 7], [8, 9], [10, 11, 12, 13, 14], [15], [16, 17, 18, 19, 20, 21], [22, 23, 24, 25, 26, 27]];

describe('native attentionBlock against the separate calls', () => {
  const one = createNativeBackend({ threads: 1 });
  const two = createNativeBackend({ threads: 2 });
  afterAll(() => {
    one.dispose?.();
    two.dispose?.();
  });

  const cases: { format: KernelWeightFormat; kv: KvCacheFormat; shape: typeof TINY_SHAPE; backend: KernelBackend; prompts: number[][]; label: string }[] = [
    { format: 'int8', kv: 'fp32', shape: TINY_SHAPE, backend: one, prompts: TWO_PROMPTS, label: 'int8 weights, FP32 KV, 1 thread, 2 sequences' },
    { format: 'int8', kv: 'int8', shape: TINY_SHARED_SHAPE, backend: two, prompts: TWO_PROMPTS, label: 'int8 weights, INT8 KV, shared expert, 2 threads, 2 sequences' },
    { format: 'fp32', kv: 'int8', shape: TINY_SHAPE, backend: one, prompts: SIX_PROMPTS, label: 'fp32 weights, INT8 KV, 1 thread, 6 sequences' },
    { format: 'bf16', kv: 'fp32', shape: TINY_SHAPE, backend: two, prompts: SIX_PROMPTS, label: 'bf16 weights, FP32 KV, 2 threads, 6 sequences' },
    { format: 'int8', kv: 'int8', shape: TINY_SHAPE, backend: two, prompts: SIX_PROMPTS, label: 'int8 weights, INT8 KV, 2 threads, 6 sequences' },
  ];
  for (const { format, kv, shape, backend, prompts, label } of cases) {
    it(`${label}: a prefill then 3 decode steps write the same caches and give the same logits and routing bit for bit`, () => {
      expect(backend.attentionBlock).toBeDefined();
      const fused = tinyModel({ format, shape, backend, seed: 5, kvCacheFormat: kv, recordRouting: true });
      const separate = tinyModel({ format, shape, backend: withoutAttentionBlock(backend), seed: 5, kvCacheFormat: kv, recordRouting: true });
      const a = recordPrefillThenDecode(fused, prompts, 3);
      const b = recordPrefillThenDecode(separate, prompts, 3);
      expect(a.routing).toEqual(b.routing);
      expect(a.accounting).toEqual(b.accounting);
      a.caches.forEach((bytes, s) => expect(bytes.equals(b.caches[s]!)).toBe(true));
      a.logits.forEach((logits, step) => expect(logits.equals(b.logits[step]!)).toBe(true));
    });
  }

  function blockArguments(cacheTokens: number, start: number) {
    const model = tinyModel({ format: 'fp32', backend: one, seed: 5 });
    const layer = model.weights.layers[0]!;
    const { hiddenSize: d, queryHeads, kvHeads, headDim, expertCount } = model.shape;
    const cache = model.createCache(cacheTokens);
    return {
      layer,
      batch: {
        x: new Float32Array(d),
        tokenCount: 1,
        hiddenSize: d,
        rmsNormEpsilon: 1e-5,
        inputNorm: layer.inputNorm,
        postAttentionNorm: layer.postAttentionNorm,
        qkvWeights: layer.qkv,
        oWeights: layer.o,
        routerWeights: layer.router,
        ropeCos: new Float32Array(8 * (headDim / 2)),
        ropeSin: new Float32Array(8 * (headDim / 2)),
        queryHeads,
        kvHeads,
        headDim,
        segments: [{ row: 0, start, length: 1, keys: cache.keys[0]!, values: cache.values[0]! }],
        qkv: new Float32Array(layer.qkv.rows),
        attention: new Float32Array(queryHeads * headDim),
        projected: new Float32Array(d),
        normed: new Float32Array(d),
        routerLogits: new Float32Array(expertCount),
      },
    };
  }

  it('refuses weights packed by another backend, with a RangeError naming the field', () => {
    const { layer, batch } = blockArguments(4, 0);
    const d = batch.hiddenSize;
    const foreign = createReferenceBackend().pack({ format: 'fp32', rows: layer.qkv.rows, cols: d, values: new Float32Array(layer.qkv.rows * d) });
    const call = () => one.attentionBlock!({ ...batch, qkvWeights: foreign });
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/attentionBlock.qkvWeights: packed by another backend/);
  });

  it('names the field when the segments do not cover tokenCount rows or a scratch array is too short', () => {
    const { batch } = blockArguments(4, 0);
    // Two rows everywhere, but the one segment holds one token.
    const twoRows = {
      ...batch,
      tokenCount: 2,
      x: new Float32Array(2 * batch.hiddenSize),
      qkv: new Float32Array(2 * batch.qkv.length),
      attention: new Float32Array(2 * batch.attention.length),
      projected: new Float32Array(2 * batch.hiddenSize),
      normed: new Float32Array(2 * batch.hiddenSize),
      routerLogits: new Float32Array(2 * batch.routerLogits.length),
    };
    expect(() => one.attentionBlock!(twoRows)).toThrow(/attentionBlock.segments: their lengths must add up to tokenCount/);
    expect(() => one.attentionBlock!({ ...batch, qkv: new Float32Array(batch.qkv.length - 1) })).toThrow(/attentionBlock.qkv: Float32Array too short/);
  });

  it('refuses a segment whose position lies past the end of its KV cache, before writing native memory', () => {
    // Position 2 of a 2-token cache: one token past its end.
    const { batch } = blockArguments(2, 2);
    expect(() => one.attentionBlock!(batch)).toThrow(/attentionBlock.keys\/values: shorter than the segment's context/);
  });
});
