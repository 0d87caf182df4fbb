import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { memoryPerReplica } from '../memory/memory-per-replica.js';
import { replicaThroughput, replicaThroughputPrepared } from '../slo/replica-throughput.js';
import { deploymentFixture } from '../testing/deployment-fixture.js';
import { decodeStepSecondsPrepared, decodeStepTime, decodeStepTimePrepared } from './decode-step.js';
import { prefillStepTime, prefillStepTimePrepared } from './prefill-step.js';
import { prepareDeployment } from './prepared-deployment.js';

describe('a prepared deployment gives the same answers as the one-shot functions', () => {
  const deployment = deploymentFixture({
    gpu: GPU_CATALOG.h200,
    model: MODEL_CATALOG['deepseek-v3'],
    weightFormat: 'fp8',
    tensorParallelSize: 8,
    expertParallel: true,
  });
  const prepared = prepareDeployment(deployment);

  it('decode and prefill', () => {
    expect(decodeStepTimePrepared(prepared, 37, 4321)).toEqual(decodeStepTime(deployment, 37, 4321));
    expect(decodeStepSecondsPrepared(prepared, 37, 4321)).toBe(decodeStepTime(deployment, 37, 4321).stepSeconds);
    expect(prefillStepTimePrepared(prepared, 20_000, 100)).toEqual(prefillStepTime(deployment, 20_000, 100));
    expect(prepared.memory).toEqual(memoryPerReplica(deployment));
  });

  it('replica throughput', () => {
    const slo = { ttftSeconds: 3, tpotSeconds: 0.05 };
    const shape = { meanPromptTokens: 3000, meanOutputTokens: 400, prefixCacheHitFraction: 0.4 };
    expect(replicaThroughputPrepared(prepared, slo, shape)).toEqual(replicaThroughput(deployment, slo, shape));
  });

  it('counts an unfrozen model afresh every time (parameter counts are cached only for frozen models)', () => {
    const model = { ...MODEL_CATALOG['mixtral-8x7b'], moe: { ...MODEL_CATALOG['mixtral-8x7b'].moe } };
    const d = deploymentFixture({ gpu: GPU_CATALOG.h200, model });
    const before = memoryPerReplica(d).weights.routedExpertBytes;
    (model.moe as { numRoutedExperts: number }).numRoutedExperts = 16;
    expect(memoryPerReplica(d).weights.routedExpertBytes).toBe(2 * before);
  });
});
