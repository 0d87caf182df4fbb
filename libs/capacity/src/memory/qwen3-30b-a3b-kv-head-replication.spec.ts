import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { deploymentFixture } from '../testing/deployment-fixture.js';
import { kvReplicationFactor } from './kv-replication.js';
import { memoryPerReplica } from './memory-per-replica.js';

describe('KV replication across tensor-parallel ranks', () => {
  const qwen = MODEL_CATALOG['qwen3-30b-a3b']; // 4 KV heads

  it('Qwen3-30B-A3B at TP8 stores each of its 4 KV heads twice (vLLM: one head per rank)', () => {
    expect(kvReplicationFactor(qwen, 8)).toBe(2);
    const memory = memoryPerReplica(deploymentFixture({ gpu: GPU_CATALOG['h100-sxm'], model: qwen, tensorParallelSize: 8 }));
    expect(memory.kvBytesPerToken).toBe(48 * 2 * 4 * 128 * 2 * 2);
  });

  it('needs no replication while TP divides the KV heads', () => {
    expect(kvReplicationFactor(qwen, 1)).toBe(1);
    expect(kvReplicationFactor(qwen, 2)).toBe(1);
    expect(kvReplicationFactor(qwen, 4)).toBe(1);
    expect(kvReplicationFactor(MODEL_CATALOG['mixtral-8x7b'], 8)).toBe(1);
  });

  it('MLA replicates the latent on every rank', () => {
    expect(kvReplicationFactor(MODEL_CATALOG['deepseek-v3'], 1)).toBe(1);
    expect(kvReplicationFactor(MODEL_CATALOG['deepseek-v3'], 8)).toBe(8);
  });

  it('rounds a non-dividing TP up to whole heads per rank: 8 heads on 3 ranks hold 3 each, 9/8', () => {
    expect(kvReplicationFactor(MODEL_CATALOG['mixtral-8x7b'], 3)).toBe(9 / 8);
  });
});
