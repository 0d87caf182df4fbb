import request from 'supertest';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('/v1/catalog and the API description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the GPUs the issue names, each with its sources', async () => {
    const res = await request(t.http).get('/v1/catalog/gpus').expect(200);
    const ids = res.body.items.map((g: { id: string }) => g.id);
    expect(ids).toEqual(expect.arrayContaining(['a100-40gb', 'a100-80gb', 'h100-sxm', 'h800', 'h20', 'h200', 'l40s', 'b200']));
    for (const gpu of res.body.items) expect(Object.keys(gpu.sources).length).toBeGreaterThan(0);
    const a100 = res.body.items.find((g: { id: string }) => g.id === 'a100-80gb');
    // An A100 has no FP8 tensor cores (NVIDIA A100 datasheet).
    expect(a100.peakOpsPerSecond.fp8).toBeNull();
  });

  it('lists the models with parameter counts derived from their architecture', async () => {
    const res = await request(t.http).get('/v1/catalog/models').expect(200);
    const ids = res.body.items.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['mixtral-8x7b', 'mixtral-8x22b', 'deepseek-v3', 'kimi-k2', 'qwen3-30b-a3b', 'qwen3-235b-a22b', 'kimi-2024']));
    const mixtral = res.body.items.find((m: { id: string }) => m.id === 'mixtral-8x7b');
    // Mistral AI: 46.7 B total parameters.
    expect(Math.abs(mixtral.parameterCounts.totalParams / 46.7e9 - 1)).toBeLessThan(0.02);
  });

  it('lists weight and KV-cache formats', async () => {
    const res = await request(t.http).get('/v1/catalog/quantizations').expect(200);
    expect(res.body.weightFormats.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(['bf16', 'fp8', 'int8-w8a8', 'int8-w8a16', 'int4-w4a16', 'fp4']));
    expect(res.body.kvCacheFormats.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(['bf16', 'fp8', 'int8']));
  });

  it('answers 404 in the common error shape for an unknown id', async () => {
    const res = await request(t.http).get('/v1/catalog/gpus/tpu-v9').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'not_found', message: 'gpu tpu-v9 not found', details: [] });
  });

  it('publishes OpenAPI JSON at /docs-json and the UI at /docs', async () => {
    const json = await request(t.http).get('/docs-json').expect(200);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/v1/what-if', '/v1/scenarios', '/v1/scenarios/{id}', '/v1/scenarios/{id}/evaluations', '/v1/catalog/gpus']));
    // modelId / gpuId are required only when customModel / customGpu are absent, so not listed as required.
    expect(json.body.components.schemas.ScenarioInputDto.required).toEqual(['quantization']);
    const schema = json.body.components.schemas.WorkloadDto.properties.dailyActiveUsers;
    expect(schema).toMatchObject({ minimum: 1, maximum: 10_000_000_000 });
    const ui = await request(t.http).get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('reports health with a database round trip', async () => {
    await request(t.http).get('/health').expect(200, { status: 'ok', database: 'ok' });
  });
});
