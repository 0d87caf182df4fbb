import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { deploymentFixture } from '../testing/deployment-fixture.js';
import { decodeStepTime } from './decode-step.js';
import { prefillStepTime } from './prefill-step.js';

// Property: more work never takes less time. The binary search in replicaThroughput relies on it.
const deployments = {
  'mixtral-8x7b bf16 on 2 × H100': deploymentFixture({
    gpu: GPU_CATALOG['h100-sxm'],
    model: MODEL_CATALOG['mixtral-8x7b'],
    tensorParallelSize: 2,
  }),
  'deepseek-v3 fp8 on 8 × H200, EP': deploymentFixture({
    gpu: GPU_CATALOG.h200,
    model: MODEL_CATALOG['deepseek-v3'],
    weightFormat: 'fp8',
    tensorParallelSize: 8,
    expertParallel: true,
  }),
  'qwen3-30b-a3b int4 experts on an A100-40GB': deploymentFixture({
    gpu: GPU_CATALOG['a100-40gb'],
    model: MODEL_CATALOG['qwen3-30b-a3b'],
    expertWeightFormat: 'int4-w4a16',
  }),
};

describe.each(Object.entries(deployments))('%s', (_name, deployment) => {
  it('decode step time is non-decreasing in batch at every context', () => {
    for (const context of [0, 1000, 32_000]) {
      let previous = 0;
      for (let batch = 1; batch <= 1024; batch += batch < 64 ? 1 : 37) {
        const seconds = decodeStepTime(deployment, batch, context).stepSeconds;
        expect(seconds).toBeGreaterThanOrEqual(previous);
        previous = seconds;
      }
    }
  });

  it('decode step time is non-decreasing in context at every batch', () => {
    for (const batch of [1, 16, 256]) {
      let previous = 0;
      for (let context = 0; context <= 131_072; context += 4096) {
        const seconds = decodeStepTime(deployment, batch, context).stepSeconds;
        expect(seconds).toBeGreaterThanOrEqual(previous);
        previous = seconds;
      }
    }
  });

  it('prefill time is non-decreasing in prompt length, across chunk boundaries', () => {
    let previous = 0;
    for (let prompt = 1; prompt <= 40_000; prompt += 997) {
      const seconds = prefillStepTime(deployment, prompt).stepSeconds;
      expect(seconds).toBeGreaterThanOrEqual(previous);
      previous = seconds;
    }
  });
});
