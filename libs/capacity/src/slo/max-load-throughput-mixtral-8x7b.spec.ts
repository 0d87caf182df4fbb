import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { deploymentFixture } from '../testing/deployment-fixture.js';
import { maxLoadThroughput } from './max-load-throughput.js';
import { replicaThroughput } from './replica-throughput.js';

const model = MODEL_CATALOG['mixtral-8x7b'];
const NO_SLO = { ttftSeconds: Number.MAX_VALUE, tpotSeconds: Number.MAX_VALUE };

describe('Mixtral-8x7B BF16 on 2 × A100-80GB at max load (no SLO)', () => {
  // KV capacity 355 487 tokens with 2 GB reserved per GPU (memory/mixtral-8x7b-bf16-weights-on-a100-80gb.spec.ts).
  const deployment = deploymentFixture({ gpu: GPU_CATALOG['a100-80gb'], model, tensorParallelSize: 2, reservedBytesPerGpu: 2e9 });

  it('long documents: the KV cache sets the batch, floor(355 487 / (30 000 + 2 000)) = 11', () => {
    const shape = { meanPromptTokens: 30_000, meanOutputTokens: 2000, prefixCacheHitFraction: 0 };
    const m = maxLoadThroughput(deployment, shape);
    expect(m.decodeBatchSequences).toBe(11);
    expect(m.decodeBatchLimitedBy).toBe('kv-memory');
    // Per request: prefill 30 000 / P seconds + decode 2 000 / D seconds (P, D: the no-SLO replica rates).
    const t = replicaThroughput(deployment, NO_SLO, shape);
    const requestSeconds = 30_000 / t.prefillTokensPerSecond + 2000 / t.decodeTokensPerSecond;
    expect(m.outputTokensPerSecond).toBeCloseTo(2000 / requestSeconds, 6);
    expect(m.inputTokensPerSecond).toBeCloseTo(30_000 / requestSeconds, 6);
    expect(m.prefillTimeFraction).toBeCloseTo(30_000 / t.prefillTokensPerSecond / requestSeconds, 9);
    // Output is below the decode-only rate: prefill takes a share of the replica's time.
    expect(m.outputTokensPerSecond).toBeLessThan(t.decodeTokensPerSecond);
  });

  it('short chats: the scheduler cap sets the batch (256 < floor(355 487 / 1 000) = 355)', () => {
    const m = maxLoadThroughput(deployment, { meanPromptTokens: 500, meanOutputTokens: 500, prefixCacheHitFraction: 0 });
    expect(m.decodeBatchSequences).toBe(256);
    expect(m.decodeBatchLimitedBy).toBe('max-batch');
  });

  it('a replica whose weights do not fit (1 × A100, 93 GB of BF16 weights) yields 0 and says why', () => {
    const one = deploymentFixture({ gpu: GPU_CATALOG['a100-80gb'], model });
    const m = maxLoadThroughput(one, { meanPromptTokens: 1000, meanOutputTokens: 500, prefixCacheHitFraction: 0 });
    expect(m.outputTokensPerSecond).toBe(0);
    expect(m.warnings.join(' ')).toMatch(/weights/);
  });
});
