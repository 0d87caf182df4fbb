import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { decodeStepTime } from '../roofline/decode-step.js';
import { prefillStepTime } from '../roofline/prefill-step.js';
import { replicaThroughput } from '../slo/replica-throughput.js';
import { memoryPerReplica } from '../memory/memory-per-replica.js';
import { deploymentFixture } from '../testing/deployment-fixture.js';
import type { DeploymentSpec } from '../types.js';

// Invalid input must fail loudly with the field named (the API maps RangeError to 400), never yield NaN.
describe('invalid inputs are RangeErrors that name the field', () => {
  const valid = deploymentFixture({ gpu: GPU_CATALOG['h100-sxm'], model: MODEL_CATALOG['mixtral-8x7b'], tensorParallelSize: 2 });
  const slo = { ttftSeconds: 1, tpotSeconds: 0.05 };
  const shape = { meanPromptTokens: 1000, meanOutputTokens: 200, prefixCacheHitFraction: 0 };

  it.each<[string, Partial<DeploymentSpec>, RegExp]>([
    ['tensorParallelSize 0', { tensorParallelSize: 0 }, /^tensorParallelSize: must be a positive integer, got 0/],
    ['tensorParallelSize 1.5', { tensorParallelSize: 1.5 }, /^tensorParallelSize/],
    ['usableHbmFraction 1.5', { usableHbmFraction: 1.5 }, /^usableHbmFraction: must be a fraction in \(0, 1\]/],
    ['reservedBytesPerGpu −1', { reservedBytesPerGpu: -1 }, /^reservedBytesPerGpu/],
    ['maxBatchSequences 0', { maxBatchSequences: 0 }, /^maxBatchSequences/],
    ['prefillChunkTokens 0', { prefillChunkTokens: 0 }, /^prefillChunkTokens/],
    ['a GPU without bandwidth', { gpu: { ...GPU_CATALOG['h100-sxm'], hbmBytesPerSecond: 0 } }, /^gpu\.hbmBytesPerSecond/],
    ['an efficiency of 0', { efficiency: { ...valid.efficiency, memoryEfficiencyFraction: 0 } }, /^efficiency\.memoryEfficiencyFraction/],
    ['a model with 0 layers', { model: { ...MODEL_CATALOG['mixtral-8x7b'], numLayers: 0 } }, /numLayers/],
  ])('%s', (_name, change, message) => {
    const deployment = { ...valid, ...change };
    expect(() => memoryPerReplica(deployment)).toThrow(RangeError);
    expect(() => memoryPerReplica(deployment)).toThrow(message);
    expect(() => decodeStepTime(deployment, 1, 100)).toThrow(message);
  });

  it('step arguments', () => {
    expect(() => decodeStepTime(valid, 0, 100)).toThrow(/^batchSequences: must be a positive integer, got 0/);
    expect(() => decodeStepTime(valid, 1, -1)).toThrow(/^meanContextTokens/);
    expect(() => prefillStepTime(valid, 1.5)).toThrow(/^promptTokens: must be a non-negative integer/);
    expect(() => prefillStepTime(valid, 10, -3)).toThrow(/^cachedPrefixTokens/);
  });

  it('SLO and request shape', () => {
    expect(() => replicaThroughput(valid, { ...slo, tpotSeconds: 0 }, shape)).toThrow(/^slo\.tpotSeconds/);
    expect(() => replicaThroughput(valid, { ...slo, ttftSeconds: Number.NaN }, shape)).toThrow(/^slo\.ttftSeconds/);
    expect(() => replicaThroughput(valid, slo, { ...shape, meanOutputTokens: 0 })).toThrow(/^shape\.meanOutputTokens/);
    expect(() => replicaThroughput(valid, slo, { ...shape, meanPromptTokens: -1 })).toThrow(/^shape\.meanPromptTokens/);
    expect(() => replicaThroughput(valid, slo, { ...shape, prefixCacheHitFraction: 1.2 })).toThrow(
      /^shape\.prefixCacheHitFraction: must be a fraction in \[0, 1\]/,
    );
  });

  it('a GPU without tensor cores for the weight format falls back (FP8 on A100 runs at BF16 peak)', () => {
    const a100 = deploymentFixture({
      gpu: GPU_CATALOG['a100-80gb'],
      model: MODEL_CATALOG['mixtral-8x7b'],
      weightFormat: 'fp8',
    });
    const step = decodeStepTime(a100, 4096, 0);
    expect(step.computeSeconds).toBeCloseTo(step.flops / (312e12 * 0.6), 9);
  });
});
