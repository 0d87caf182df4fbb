import { findGpu, findKvCacheFormat, findModel, findWeightFormat } from '../../../catalog/src/index.js';
import { DEFAULT_EFFICIENCY, decodeStepTime, prefillStepTime, type DeploymentSpec } from '../../../capacity/src/index.js';
import { validateMeasurementSet } from '../validate-measurement-set.js';
import { measurementSetFromVllmBenchmarkServing } from './vllm-benchmark-serving.js';

/** Trimmed from a `benchmark_serving.py --save-result` file (random dataset, 1024 in / 256 out). */
const result = (maxConcurrency: number | null, tpotMs: number, ttftMs: number, outputThroughput: number) => ({
  date: '20250301-120000',
  backend: 'vllm',
  model_id: 'mistralai/Mixtral-8x7B-Instruct-v0.1',
  num_prompts: 64,
  request_rate: 'inf',
  burstiness: 1.0,
  max_concurrency: maxConcurrency,
  duration: 60,
  completed: 64,
  total_input_tokens: 65536, // 1024 per request
  total_output_tokens: 16384, // 256 per request
  request_throughput: 1.07,
  output_throughput: outputThroughput,
  total_token_throughput: 1365,
  mean_ttft_ms: ttftMs * 1.1,
  median_ttft_ms: ttftMs,
  mean_tpot_ms: tpotMs * 1.02,
  median_tpot_ms: tpotMs,
});

const gpu = findGpu('h100-sxm')!;
const model = findModel('mixtral-8x7b')!;

describe('measurementSetFromVllmBenchmarkServing: vLLM serving benchmarks as calibration measurements', () => {
  const set = measurementSetFromVllmBenchmarkServing({
    modelId: 'mixtral-8x7b',
    gpuId: 'h100-sxm',
    weightFormat: 'bf16',
    engineVersion: '0.8.5',
    results: [result(1, 8.5, 60, 117), result(16, 11, 300, 1400), result(null, 32, 900, 1000)],
  });

  it('writes a set the schema reader accepts, with datasheet peak and bandwidth', () => {
    expect(validateMeasurementSet(set)).toEqual(set);
    expect(set.engine).toEqual({ name: 'vllm', version: '0.8.5', backend: 'vllm', threads: 1 });
    expect(set.hardware.memoryBandwidthBytesPerSecond).toBe(gpu.hbmBytesPerSecond);
    expect(set.hardware.peakFlopsPerSecondByFormat).toEqual({ bf16: gpu.peakOpsPerSecond.bf16 });
    expect(set.model).toMatchObject({ name: 'mixtral-8x7b', expertCount: 8, topK: 2 });
  });

  it('takes decode batch from max_concurrency, step time from median TPOT, context = prompt + output / 2', () => {
    const decode = set.measurements.filter((m) => m.phase === 'decode');
    // Little's law for the unbounded run: 1000 tok/s × mean TPOT 32.64 ms = 32.64 → 33 sequences.
    expect(decode.map((m) => m.batchSequences)).toEqual([1, 16, 33]);
    expect(decode.map((m) => m.stepSeconds)).toEqual([0.0085, 0.011, 0.032]);
    // 65536 / 64 = 1024 prompt tokens, 16384 / 64 = 256 output → 1024 + 128.
    expect(decode.every((m) => m.contextTokens === 1152)).toBe(true);
  });

  it('adds a prefill point from median TTFT only for the concurrency-1 run', () => {
    const prefill = set.measurements.filter((m) => m.phase === 'prefill');
    expect(prefill).toHaveLength(1);
    expect(prefill[0]).toMatchObject({ tokensInStep: 1024, batchSequences: 1, stepSeconds: 0.06 });
  });

  it('uses libs/capacity’s roofline bytes and time-equivalent FLOPs of the same step', () => {
    const deployment: DeploymentSpec = {
      gpu,
      model,
      weightFormat: findWeightFormat('bf16')!,
      expertWeightFormat: findWeightFormat('bf16')!,
      kvCacheFormat: findKvCacheFormat('bf16')!,
      tensorParallelSize: 1,
      expertParallel: false,
      usableHbmFraction: 0.9,
      reservedBytesPerGpu: 0,
      maxBatchSequences: 256,
      prefillChunkTokens: 8192,
      efficiency: DEFAULT_EFFICIENCY,
    };
    const step = decodeStepTime(deployment, 16, 1152);
    const m = set.measurements.find((x) => x.phase === 'decode' && x.batchSequences === 16)!;
    expect(m.bytesPerStep).toBe(step.bytesMoved);
    // BF16 weights: every GEMM and attention runs at the BF16 peak, so time-equivalent FLOPs = FLOPs.
    expect(m.flopsPerStep / step.flops).toBeCloseTo(1, 9);
    const prefill = prefillStepTime(deployment, 1024);
    expect(set.measurements.find((x) => x.phase === 'prefill')!.flopsPerStep / prefill.flops).toBeCloseTo(1, 9);
  });

  it.each([
    [{ modelId: 'gpt-5' }, 'modelId: unknown catalog model "gpt-5"'],
    [{ gpuId: 'tpu' }, 'gpuId: unknown catalog GPU "tpu"'],
    [{ weightFormat: 'int3' }, 'weightFormat: unknown weight format "int3"'],
    [{ results: [] }, 'results: must be a non-empty array of benchmark_serving result objects'],
    [{ results: [result(1, 8, 60, 117), { ...result(4, 9, 70, 400), median_tpot_ms: -5 }] }, 'results[1].median_tpot_ms: must be a positive finite number, got -5'],
    [{ results: [{ ...result(4, 9, 70, 400), completed: 0 }] }, 'results[0].completed: must be a positive finite number, got 0'],
  ])('names the field of a bad import %#', (patch, message) => {
    const input = { modelId: 'mixtral-8x7b', gpuId: 'h100-sxm', weightFormat: 'bf16', results: [result(1, 8, 60, 117)], ...patch };
    expect(() => measurementSetFromVllmBenchmarkServing(input)).toThrow(new RangeError(message));
  });
});
