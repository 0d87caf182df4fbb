import { countParameters } from './parameter-count.js';
import { BENCH_SHAPE, DEEPSEEK_V3_MINI, MODEL_PRESETS } from './presets.js';
import { validateModelShape } from './model-shape.js';

describe('bench shape (8 layers, width 1024, 16/4 heads × 64, 8 experts top-2 of width 3584, vocab 32 000)', () => {
  it('has 791,233,536 parameters, 229,983,232 active per token, counted by hand', () => {
    // Per layer:
    //   attention q,k,v: 1024 × (1024 + 2 × 256) = 1,572,864;  o: 1024 × 1024 = 1,048,576  → 2,621,440
    //   router 8 × 1024 = 8,192;  norms 2 × 1024 = 2,048
    //   experts 8 × 3 × 1024 × 3584 = 88,080,384
    //   layer total = 2,621,440 + 8,192 + 2,048 + 88,080,384 = 90,712,064;  × 8 layers = 725,696,512
    // Embedding 32,000 × 1024 = 32,768,000; LM head the same; final norm 1,024.
    //   total = 725,696,512 + 2 × 32,768,000 + 1,024 = 791,233,536  (≈ 790 M)
    // Active per token: top-2 experts 2 × 3 × 1024 × 3584 = 22,020,096 per layer;
    //   (2,621,440 + 8,192 + 2,048 + 22,020,096) × 8 = 197,214,208, + LM head 32,768,000 + 1,024
    //   = 229,983,232  (≈ 230 M; the embedding is a row lookup, not a matmul, so not active)
    const count = countParameters(BENCH_SHAPE);
    expect(count.attentionPerLayer).toBe(2_621_440);
    expect(count.perExpert).toBe(11_010_048);
    expect(count.total).toBe(791_233_536);
    expect(count.activePerToken).toBe(229_983_232);
  });

  it('deepseek-v3-mini counts its shared expert in every token and in the total', () => {
    // d = 512, f = 192: one expert = 3 × 512 × 192 = 294,912; 64 routed + 1 shared per layer.
    // Active per layer adds 8 routed + 1 shared = 9 × 294,912 = 2,654,208.
    const count = countParameters(DEEPSEEK_V3_MINI);
    expect(count.sharedExpertsPerLayer).toBe(294_912);
    const dense = count.attentionPerLayer + count.routerPerLayer + count.normsPerLayer;
    expect(count.activePerToken).toBe(count.lmHead + 512 + 4 * (dense + 9 * 294_912));
  });

  it('every preset satisfies the kernels\' shape rules and names the catalog model it mirrors', () => {
    for (const shape of Object.values(MODEL_PRESETS)) {
      expect(() => validateModelShape(shape)).not.toThrow();
      expect(shape.scaling.length).toBeGreaterThan(10);
    }
    expect(() => validateModelShape({ ...BENCH_SHAPE, kvHeads: 3 })).toThrow('shape.kvHeads: must divide queryHeads (16), got 3');
  });
});
