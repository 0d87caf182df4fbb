import { greedyDecodeAlone, tinyModel } from '../testing/tiny-model.js';
import { ContinuousBatchingEngine } from './continuous-batching.js';

describe('continuous batching of 3 sequences with different prompt and output lengths', () => {
  it('produces exactly the tokens each sequence produces alone, admitting and retiring mid-batch', () => {
    const requests = [
      { id: 'a', promptTokens: [5, 9, 13], maxNewTokens: 9 },
      { id: 'b', promptTokens: Array.from({ length: 14 }, (_, i) => (i * 31 + 2) % 512), maxNewTokens: 3 },
      { id: 'c', promptTokens: Array.from({ length: 8 }, (_, i) => (i * 7 + 100) % 512), maxNewTokens: 6 },
    ];
    const model = tinyModel({ seed: 3 });
    const alone = new Map(requests.map((r) => [r.id, greedyDecodeAlone(model, r.promptTokens, r.maxNewTokens)]));

    // Budget 6 tokens per step, 2 sequences at once, chunks of 4: b's prompt needs several chunks
    // while a decodes; c is admitted only when a slot frees, so the batch changes shape every few steps.
    const engine = new ContinuousBatchingEngine(model, { maxTokensPerStep: 6, maxSequences: 2, prefillChunkTokens: 4 });
    for (const r of requests) engine.submit(r);
    let mixedSteps = 0;
    let steps = 0;
    for (let report = engine.step(); report !== null; report = engine.step()) {
      steps++;
      if (report.decodeSequences > 0 && report.prefillTokens > 0) mixedSteps++;
      expect(report.tokensInStep).toBeLessThanOrEqual(6);
    }
    for (const r of requests) expect(engine.result(r.id)).toEqual(alone.get(r.id));
    expect(mixedSteps).toBeGreaterThan(0);
    expect(engine.idle).toBe(true);
    expect(steps).toBeGreaterThan(9);
  });

  it('rejects a duplicate request id', () => {
    const engine = new ContinuousBatchingEngine(tinyModel(), { maxTokensPerStep: 8, maxSequences: 2 });
    engine.submit({ id: 'x', promptTokens: [1], maxNewTokens: 1 });
    expect(() => engine.submit({ id: 'x', promptTokens: [1], maxNewTokens: 1 })).toThrow('request.id: "x" was already submitted');
  });
});
