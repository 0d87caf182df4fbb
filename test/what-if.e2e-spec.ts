import request from 'supertest';
import { createTestApp, nonFiniteNumberPaths, type TestApp } from './support/test-app.js';

/** The source report (Kimi, March 2024): DAU 1 M, about 100 k tokens per user per day, on A100-80GB. */
const sourceReport = (weights: string) => ({
  modelId: 'kimi-2024',
  gpuId: 'a100-80gb',
  quantization: { weights, kvCache: 'bf16' },
  workload: { dailyActiveUsers: 1_000_000, tokensPerUserPerDay: 100_000 },
});

describe('POST /v1/what-if', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the source report: kimi-2024 at DAU 1 M on A100-80GB, BF16 vs INT8 vs INT4', () => {
    const results: Record<string, any> = {};
    let totalParams = 0;

    beforeAll(async () => {
      const model = await request(t.http).get('/v1/catalog/models/kimi-2024').expect(200);
      totalParams = model.body.parameterCounts.totalParams;
      for (const weights of ['bf16', 'int8-w8a16', 'int4-w4a16']) {
        const res = await request(t.http).post('/v1/what-if').send(sourceReport(weights)).expect(200);
        results[weights] = res.body;
      }
    });

    it('holds about 150 B parameters, as the report says', () => {
      expect(totalParams).toBeGreaterThan(130e9);
      expect(totalParams).toBeLessThan(170e9);
    });

    it('weighs 2, about 1 and about 0.52 bytes per parameter in BF16, INT8 and INT4', () => {
      // Embeddings / norms stay at the weight format (or BF16), so allow a few percent.
      expect(results['bf16'].memory.weights.totalBytes / totalParams).toBeCloseTo(2, 1);
      expect(results['int8-w8a16'].memory.weights.totalBytes / totalParams).toBeGreaterThan(0.99);
      expect(results['int8-w8a16'].memory.weights.totalBytes / totalParams).toBeLessThan(1.1);
      expect(results['int4-w4a16'].memory.weights.totalBytes / totalParams).toBeGreaterThan(0.5);
      expect(results['int4-w4a16'].memory.weights.totalBytes / totalParams).toBeLessThan(0.62);
    });

    it('needs at least 4 A100-80GB to hold the BF16 weights (≈300 GB over 80 GB cards), fewer when quantized', () => {
      const bf16 = results['bf16'].minimumGpusForWeights;
      expect(bf16).toBeGreaterThanOrEqual(4);
      expect(results['int8-w8a16'].minimumGpusForWeights).toBeLessThan(bf16);
      expect(results['int4-w4a16'].minimumGpusForWeights).toBeLessThanOrEqual(results['int8-w8a16'].minimumGpusForWeights);
    });

    it('needs fewer GPUs at peak and costs less per user as the weights shrink', () => {
      const gpus = (w: string) => results[w].atPeak.gpus;
      const perUser = (w: string) => results[w].cost.costCnyPerDauPerMonth;
      expect(gpus('bf16')).toBeGreaterThanOrEqual(gpus('int8-w8a16'));
      expect(gpus('int8-w8a16')).toBeGreaterThanOrEqual(gpus('int4-w4a16'));
      expect(perUser('bf16')).toBeGreaterThanOrEqual(perUser('int8-w8a16'));
      expect(perUser('int8-w8a16')).toBeGreaterThanOrEqual(perUser('int4-w4a16'));
      expect(gpus('int4-w4a16')).toBeGreaterThan(0);
    });

    it('reports a demand of 1e11 tokens per day (1 M users × 100 k)', () => {
      expect(results['bf16'].demand.tokensPerDay).toBeCloseTo(1e11, -3);
    });

    it('keeps its cost figures consistent with each other', () => {
      for (const r of Object.values(results)) {
        // 30-day month is 30 days; per-user is per month over DAU; USD through the stated rate.
        expect(r.cost.costCnyPer30DayMonth).toBeCloseTo(30 * r.cost.costCnyPerDay, 2);
        expect(r.cost.costCnyPerDauPerMonth).toBeCloseTo(r.cost.costCnyPer30DayMonth / 1_000_000, 6);
        // GPU-hours per day are the hourly plan summed over 24 one-hour slots.
        const hourlyGpuHours = r.hourly.reduce((sum: number, h: { gpus: number }) => sum + h.gpus, 0);
        expect(r.cost.gpuHoursPerDay).toBeCloseTo(hourlyGpuHours, 6);
        expect(r.atPeak.gpus).toBeGreaterThanOrEqual(r.atMean.gpus);
        expect(['memory', 'compute', 'bandwidth', 'slo']).toContain(r.bindingLimit);
        expect(nonFiniteNumberPaths(r)).toEqual([]);
      }
    });
  });

  it('accepts a custom GPU and a custom model inline', async () => {
    const res = await request(t.http)
      .post('/v1/what-if')
      .send({
        customModel: {
          id: 'tiny-moe',
          numLayers: 16,
          hiddenSize: 2048,
          vocabSize: 32000,
          maxContextTokens: 32768,
          attention: { kind: 'gqa', numHeads: 16, numKvHeads: 4, headDim: 128 },
          moe: { numRoutedExperts: 8, numActiveExperts: 2, numSharedExperts: 0, expertIntermediateSize: 4096 },
        },
        customGpu: {
          id: 'my-card',
          hbmBytes: 48e9,
          hbmBytesPerSecond: 1e12,
          peakOpsPerSecond: { bf16: 200e12 },
          interconnectBytesPerSecond: 32e9,
          priceCnyPerGpuHour: 8,
        },
        quantization: { weights: 'bf16', kvCache: 'bf16' },
        workload: { dailyActiveUsers: 10_000 },
      })
      .expect(200);
    expect(res.body.modelId).toBe('tiny-moe');
    expect(res.body.gpuId).toBe('my-card');
    // 16 layers × (attention 2048·(2048+512+512)+2048·2048 + 8 experts × 3·2048·4096) + 2 × 32000·2048 ≈ 3.44 B params → ≈ 6.9 GB in BF16
    const params = 16 * (2048 * 2048 * 2 + 2048 * 512 * 2 + 8 * 3 * 2048 * 4096 + 2048 * 8) + 2 * 32000 * 2048;
    expect(res.body.memory.weights.totalBytes / (2 * params)).toBeCloseTo(1, 2);
    expect(nonFiniteNumberPaths(res.body)).toEqual([]);
  });

  it('prices a scenario with the coefficients fitted to published deployments (efficiencyPreset published-fit) and with data-parallel attention', async () => {
    const scenario = { modelId: 'qwen3-30b-a3b', gpuId: 'h20', quantization: { weights: 'bf16', kvCache: 'bf16' }, workload: { dailyActiveUsers: 100_000 } };
    const byDefault = (await request(t.http).post('/v1/what-if').send(scenario).expect(200)).body;
    const fitted = (await request(t.http).post('/v1/what-if').send({ ...scenario, efficiencyPreset: 'published-fit' }).expect(200)).body;
    // VALIDATION.md's Hopper set (the H20 is Hopper): BF16 η 0.8, 25 µs per sequence, per-kernel roofline
    expect(byDefault.efficiency.provenance).toBe('default');
    expect(fitted.efficiency).toMatchObject({ provenance: 'calibrated', calibrationProfileId: 'published-cases-fit-hopper', computeEfficiencyFraction: 0.8, overheadSecondsPerSequence: 25e-6, perKernelRoofline: true });
    expect(fitted.throughput.decodeStep.attentionMemorySeconds).toBeGreaterThan(0);
    expect(nonFiniteNumberPaths(fitted)).toEqual([]);
    // Attention DP on a TP2 replica: no KV replication across the 2 GPUs (Qwen3-30B has 4 KV heads, so TP2 shards them anyway) but the attention weights are whole on each GPU, so less KV room
    const tp2 = { ...scenario, deployment: { tensorParallelSize: 2 } };
    const tp = (await request(t.http).post('/v1/what-if').send(tp2).expect(200)).body;
    const dp = (await request(t.http).post('/v1/what-if').send({ ...tp2, deployment: { tensorParallelSize: 2, attentionDataParallel: true } }).expect(200)).body;
    expect(dp.memory.kvCapacityTokens).toBeLessThan(tp.memory.kvCapacityTokens);
  });

  describe('refuses bad input with 400 naming the field', () => {
    const base = () => sourceReport('int8-w8a16') as Record<string, any>;
    const cases: Array<[string, (b: Record<string, any>) => unknown, string]> = [
      ['an unknown top-level field', (b) => ({ ...b, gpuCount: 3 }), 'gpuCount'],
      ['an unknown nested field', (b) => ({ ...b, workload: { ...b.workload, users: 5 } }), 'workload.users'],
      ['a string where a number belongs', (b) => ({ ...b, workload: { dailyActiveUsers: '1000000' } }), 'workload.dailyActiveUsers'],
      ['negative users', (b) => ({ ...b, workload: { dailyActiveUsers: -5 } }), 'workload.dailyActiveUsers'],
      ['a fractional user count', (b) => ({ ...b, workload: { dailyActiveUsers: 1.5 } }), 'workload.dailyActiveUsers'],
      ['a million GPUs per replica', (b) => ({ ...b, deployment: { tensorParallelSize: 1_000_000 } }), 'deployment.tensorParallelSize'],
      ['a million reserved GPUs', (b) => ({ ...b, pricing: { reservedGpus: 1_000_000 } }), 'pricing.reservedGpus'],
      ['a 10^12-token prompt', (b) => ({ ...b, workload: { requestSizes: { meanPromptTokens: 1e12, promptTokensCv: 1, meanOutputTokens: 100, outputTokensCv: 1 } } }), 'workload.requestSizes.meanPromptTokens'],
      ['a mean request longer than the model context window', (b) => ({ ...b, workload: { requestSizes: { meanPromptTokens: 200_000, promptTokensCv: 1, meanOutputTokens: 100, outputTokensCv: 1 } } }), 'workload.requestSizes.meanPromptTokens'],
      ['a billion tokens per user per day', (b) => ({ ...b, workload: { tokensPerUserPerDay: 1e9 } }), 'workload.tokensPerUserPerDay'],
      ['an unknown weight format', (b) => ({ ...b, quantization: { weights: 'int3', kvCache: 'bf16' } }), 'quantization.weights'],
      ['a missing quantization', (b) => ({ ...b, quantization: undefined }), 'quantization'],
      ['neither modelId nor customModel', (b) => ({ ...b, modelId: undefined }), 'modelId'],
      ['both modelId and customModel', (b) => ({ ...b, customModel: { id: 'x', numLayers: 1, hiddenSize: 64, vocabSize: 10, maxContextTokens: 128, attention: { kind: 'gqa', numHeads: 1, numKvHeads: 1, headDim: 64 }, moe: { numRoutedExperts: 2, numActiveExperts: 1, numSharedExperts: 0, expertIntermediateSize: 64 } } }), 'modelId'],
      ['an unknown catalog model', (b) => ({ ...b, modelId: 'gpt-9' }), 'model'],
      ['an unknown catalog GPU', (b) => ({ ...b, gpuId: 'tpu-v9' }), 'gpu'],
      ['a diurnal profile of 23 hours', (b) => ({ ...b, workload: { diurnalProfile: new Array(23).fill(1) } }), 'workload.diurnalProfile'],
      ['an all-zero diurnal profile', (b) => ({ ...b, workload: { diurnalProfile: new Array(24).fill(0) } }), 'workload.diurnalProfile'],
      ['a nested object replaced by a number', (b) => ({ ...b, slo: 5 }), 'slo'],
      ['a GQA model without KV heads', (b) => ({ ...b, modelId: undefined, customModel: { id: 'x', numLayers: 2, hiddenSize: 64, vocabSize: 10, maxContextTokens: 128, attention: { kind: 'gqa', numHeads: 4, headDim: 16 }, moe: { numRoutedExperts: 2, numActiveExperts: 1, numSharedExperts: 0, expertIntermediateSize: 64 } } }), 'customModel.attention.numKvHeads'],
      ['an unknown efficiency preset', (b) => ({ ...b, efficiencyPreset: 'optimistic' }), 'efficiencyPreset'],
      ['the published-fit preset together with efficiency', (b) => ({ ...b, efficiencyPreset: 'published-fit', efficiency: { stepOverheadSeconds: 0.001 } }), 'efficiencyPreset'],
      ['the published-fit preset together with a calibration profile', (b) => ({ ...b, efficiencyPreset: 'published-fit', calibrationProfileId: '00000000-0000-4000-8000-000000000000' }), 'efficiencyPreset'],
      ['attentionDataParallel that is not a boolean', (b) => ({ ...b, deployment: { attentionDataParallel: 'yes' } }), 'deployment.attentionDataParallel'],
      ['top-k above the expert count', (b) => ({ ...b, modelId: undefined, customModel: { id: 'x', numLayers: 2, hiddenSize: 64, vocabSize: 10, maxContextTokens: 128, attention: { kind: 'gqa', numHeads: 4, numKvHeads: 2, headDim: 16 }, moe: { numRoutedExperts: 2, numActiveExperts: 3, numSharedExperts: 0, expertIntermediateSize: 64 } } }), 'customModel.moe.numActiveExperts'],
    ];
    it.each(cases)('%s', async (_name, mutate, field) => {
      const res = await request(t.http).post('/v1/what-if').send(JSON.stringify(mutate(base()))).set('content-type', 'application/json');
      expect(res.status).toBe(400);
      expect(res.body.statusCode).toBe(400);
      expect(typeof res.body.code).toBe('string');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.message).not.toMatch(/at .*\.js|SELECT|INSERT/);
    });

    it('malformed JSON', async () => {
      const res = await request(t.http).post('/v1/what-if').set('content-type', 'application/json').send('{"modelId": "kimi-2024",');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('malformed_json');
    });

    it('a JSON number too large for a double (1e400 parses to Infinity)', async () => {
      const res = await request(t.http)
        .post('/v1/what-if')
        .set('content-type', 'application/json')
        .send('{"modelId":"kimi-2024","gpuId":"a100-80gb","quantization":{"weights":"bf16","kvCache":"bf16"},"workload":{"tokensPerUserPerDay":1e400}}');
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain('workload.tokensPerUserPerDay');
    });

    it('a body over the size limit gets 413', async () => {
      const res = await request(t.http).post('/v1/what-if').set('content-type', 'application/json').send(JSON.stringify({ modelId: 'x'.repeat(200_000) }));
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('payload_too_large');
    });
  });
});
