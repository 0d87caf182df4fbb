import { MODEL_CATALOG } from './model-catalog.js';
import { countParameters } from './parameter-count.js';

/**
 * Mixtral 8x7B counted by hand from its config.json (hidden 4096, 32 layers, GQA 32 q / 8 kv heads
 * of 128, 8 experts of SwiGLU width 14336, top-2, vocab 32000, untied) and compared with
 * Mistral's "46.7B total, 12.9B active".
 */
describe('Mixtral 8x7B parameter count, by hand', () => {
  const counts = countParameters(MODEL_CATALOG['mixtral-8x7b']);

  // q and o: 4096 × 4096 each; k and v: 4096 × (8 × 128 = 1024) each → 41.94 M per layer.
  const attentionPerLayer = 4096 * 4096 * 2 + 4096 * 1024 * 2;
  // One expert: gate + up + down = 3 × 4096 × 14336 = 176.16 M; 8 of them = 1,409.3 M per layer.
  const expert = 3 * 4096 * 14336;
  const routerPerLayer = 4096 * 8;
  const embedding = 32000 * 4096; // 131.1 M, and the same again for the untied LM head
  const norms = 2 * 4096 * 32 + 4096;
  const total = 32 * (attentionPerLayer + 8 * expert + routerPerLayer) + 2 * embedding + norms;

  it('counts attention as 32 × 41.94 M = 1.342 B', () => {
    expect(attentionPerLayer).toBe(41_943_040);
    expect(counts.attentionParams).toBe(32 * attentionPerLayer);
  });

  it('counts one expert as 176.16 M and all routed experts as 32 × 8 of them = 45.10 B', () => {
    expect(counts.paramsPerExpert).toBe(176_160_768);
    expect(counts.routedExpertParams).toBe(32 * 8 * expert);
  });

  it('counts router, embedding, LM head and norms', () => {
    expect(counts.routerParams).toBe(32 * routerPerLayer);
    expect(counts.embeddingParams).toBe(embedding);
    expect(counts.lmHeadParams).toBe(embedding);
    expect(counts.normParams).toBe(norms);
    expect(counts.denseFfnParams).toBe(0);
    expect(counts.sharedExpertParams).toBe(0);
  });

  it('totals 46.70 B, within 0.1 % of the published 46.7 B (published figure has 3 significant digits)', () => {
    expect(total).toBe(46_702_792_704);
    expect(counts.totalParams).toBe(total);
    expect(Math.abs(counts.totalParams / 46.7e9 - 1)).toBeLessThan(0.001);
  });

  it('activates 12.88 B (2 of 8 experts, embedding included), within 0.5 % of the published 12.9 B', () => {
    const active = total - 32 * 6 * expert; // drop the 6 unselected experts of each layer
    expect(active).toBe(12_879_925_248);
    expect(counts.activeParams).toBe(active);
    expect(counts.activeMatmulParams).toBe(active - embedding);
    expect(Math.abs(counts.activeParams / 12.9e9 - 1)).toBeLessThan(0.005);
  });
});
