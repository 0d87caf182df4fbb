import { MODEL_CATALOG } from './model-catalog.js';
import { attentionParamsPerLayer, countParameters } from './parameter-count.js';

/**
 * DeepSeek-V3 counted by hand from its config.json: MLA with 128 heads, q_lora 1536, kv_lora 512,
 * qk_nope 128, qk_rope 64, v 128; 61 layers of which the first 3 dense (FFN 18432); 256 routed
 * experts of width 2048, top-8, one shared expert; vocab 129280. The report's 671 B excludes the
 * multi-token-prediction module, as does this count.
 */
describe('DeepSeek-V3 parameter count, by hand', () => {
  const model = MODEL_CATALOG['deepseek-v3'];
  const counts = countParameters(model);
  const d = 7168;

  // q_a 7168×1536 + q_a_norm 1536 + q_b 1536×128×(128+64) + kv_a 7168×(512+64) + kv_a_norm 512
  // + kv_b 512×128×(128+128) + o 128×128×7168
  const mlaPerLayer =
    d * 1536 + 1536 + 1536 * 128 * 192 + d * 576 + 512 + 512 * 128 * 256 + 128 * 128 * d;

  it('counts one MLA layer as 187.1 M', () => {
    expect(mlaPerLayer).toBe(187_107_328);
    expect(attentionParamsPerLayer(d, model.attention)).toBe(mlaPerLayer);
  });

  it('totals 671.03 B, within 0.1 % of the published 671 B', () => {
    const expert = 3 * d * 2048; // 44.04 M
    const total =
      61 * mlaPerLayer +
      3 * 3 * d * 18432 + // dense FFN of the first 3 layers
      58 * (256 + 1) * expert + // routed + shared experts of the 58 MoE layers
      58 * d * 256 + // routers
      2 * 129280 * d + // embedding + LM head
      2 * d * 61 +
      d; // norms
    expect(counts.totalParams).toBe(total);
    expect(Math.abs(counts.totalParams / 671e9 - 1)).toBeLessThan(0.001);
  });

  it('activates 8 routed + 1 shared expert per MoE layer: 37.55 B with embedding, 36.63 B without', () => {
    const unselected = 58 * (256 - 8) * 3 * d * 2048;
    expect(counts.activeParams).toBe(counts.totalParams - unselected);
    expect(counts.activeMatmulParams).toBe(counts.activeParams - 129280 * d);
    // Published 37 B (2 significant digits): both conventions land within 2 %.
    expect(Math.abs(counts.activeParams / 37e9 - 1)).toBeLessThan(0.02);
    expect(Math.abs(counts.activeMatmulParams / 37e9 - 1)).toBeLessThan(0.02);
  });
});
