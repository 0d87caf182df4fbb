import {
  effectiveComputeFormat,
  findGpu,
  findKvCacheFormat,
  findModel,
  findWeightFormat,
  type GpuSpec,
  type ModelSpec,
} from '../../../catalog/src/index.js';
import { DEFAULT_EFFICIENCY, decodeStepTime, prefillStepTime, type DeploymentSpec, type StepTime } from '../../../capacity/src/index.js';
import { MEASUREMENT_SCHEMA_VERSION, type MeasurementSet, type StepMeasurement } from '../measurement.js';

/** Upper bound on result files in one import (one per concurrency level × prompt shape is typical). */
export const MAX_VLLM_RESULTS = 1000;

/** What the user states about a vLLM run; the result JSON names neither the GPU nor the formats in catalog terms. */
export interface VllmBenchmarkServingImport {
  readonly modelId: string;
  readonly gpuId: string;
  readonly weightFormat: string;
  /** Routed-expert format; defaults to weightFormat. */
  readonly expertWeightFormat?: string;
  /** Defaults to 'bf16' (vLLM's --kv-cache-dtype auto on a BF16 model). */
  readonly kvCacheFormat?: string;
  /** vLLM --tensor-parallel-size; defaults to 1. */
  readonly tensorParallelSize?: number;
  readonly engineVersion?: string;
  /** Result JSONs written by `benchmark_serving.py --save-result` (or `vllm bench serve`). */
  readonly results: readonly unknown[];
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function positive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${path}: must be a positive finite number, got ${Array.isArray(value) ? 'an array' : String(value)}`);
  }
  return value;
}

function optionalPositive(value: unknown, path: string): number | null {
  return value === undefined || value === null ? null : positive(value, path);
}

function catalogId<T>(value: unknown, path: string, find: (id: string) => T | undefined, what: string): T {
  if (typeof value !== 'string' || value.length === 0) throw new RangeError(`${path}: must be a ${what} id, got ${String(value)}`);
  const found = find(value);
  if (!found) throw new RangeError(`${path}: unknown ${what} "${value}"`);
  return found;
}

/**
 * Maps vLLM `benchmark_serving.py` results to calibration measurements. Fields read (vLLM's
 * result JSON: the run's arguments merged with BenchmarkMetrics): `completed`,
 * `total_input_tokens`, `total_output_tokens`, `max_concurrency`, `output_throughput`,
 * `median_tpot_ms` (or `mean_tpot_ms`), `median_ttft_ms` (or `mean_ttft_ms`), `backend`.
 *
 * Approximations, each a simplification of what a serving benchmark can observe:
 * - Decode step ≈ TPOT (time per output token after the first): under continuous batching every
 *   running sequence gets one token per step, so TPOT is the mean step time, including the
 *   prefill chunks mixed into some steps (that inflates it a little at high request rates).
 * - Batch ≈ `max_concurrency` (capped at `completed`) when the run bounded concurrency; else by
 *   Little's law: sequences decoding = output tokens/s × seconds per token
 *   (output_throughput × mean TPOT), rounded, at least 1.
 * - Context of a decode step ≈ mean prompt + half the mean output (the mean over a sequence's life).
 * - Prefill from TTFT only for runs at concurrency 1 (no queueing): TTFT ≈ one prefill of the
 *   mean prompt as a single step (chunking ignored), plus the first sampling and one HTTP round
 *   trip, which the fitted overhead absorbs.
 * - FLOPs and bytes are those of libs/capacity's roofline for the stated model, GPU and formats
 *   (decodeStepTime / prefillStepTime at 100 % efficiency). flopsPerStep is peak-equivalent:
 *   compute seconds at 100 % × the weight format's peak, so attention FLOPs that run at BF16 peak
 *   count at their time cost — the fitted η_compute then means what libs/capacity means by it.
 * - Peaks and bandwidth are the catalog's datasheet figures × tensorParallelSize, per replica.
 * - At tensorParallelSize > 1 the modelled collective time (default η_interconnect) is subtracted
 *   from the measured step, so that a scenario using the profile does not count it twice.
 *
 * @throws RangeError('results[2].median_tpot_ms: …') naming the first unusable field.
 */
export function measurementSetFromVllmBenchmarkServing(input: VllmBenchmarkServingImport): MeasurementSet {
  if (!isRecord(input)) throw new RangeError('body: must be an object');
  const model = catalogId(input.modelId, 'modelId', findModel, 'catalog model');
  const gpu = catalogId(input.gpuId, 'gpuId', findGpu, 'catalog GPU');
  const weightFormat = catalogId(input.weightFormat, 'weightFormat', findWeightFormat, 'weight format');
  const expertWeightFormat =
    input.expertWeightFormat === undefined ? weightFormat : catalogId(input.expertWeightFormat, 'expertWeightFormat', findWeightFormat, 'weight format');
  const kvCacheFormat = input.kvCacheFormat === undefined ? findKvCacheFormat('bf16')! : catalogId(input.kvCacheFormat, 'kvCacheFormat', findKvCacheFormat, 'KV cache format');
  const tp = input.tensorParallelSize ?? 1;
  if (!Number.isInteger(tp) || tp < 1 || tp > 64) throw new RangeError(`tensorParallelSize: must be an integer from 1 to 64, got ${String(tp)}`);
  if (!Array.isArray(input.results) || input.results.length === 0) throw new RangeError('results: must be a non-empty array of benchmark_serving result objects');
  if (input.results.length > MAX_VLLM_RESULTS) throw new RangeError(`results: at most ${MAX_VLLM_RESULTS} result objects, got ${input.results.length}`);
  if (input.engineVersion !== undefined && (typeof input.engineVersion !== 'string' || input.engineVersion.length === 0 || input.engineVersion.length > 100)) {
    throw new RangeError('engineVersion: must be a string of 1 to 100 characters');
  }

  const computeFormat = effectiveComputeFormat(weightFormat, gpu);
  const peakPerReplica = gpu.peakOpsPerSecond[computeFormat]! * tp;
  const base: Omit<DeploymentSpec, 'maxBatchSequences' | 'prefillChunkTokens'> = {
    gpu,
    model,
    weightFormat,
    expertWeightFormat,
    kvCacheFormat,
    tensorParallelSize: tp,
    expertParallel: false,
    usableHbmFraction: 0.9,
    reservedBytesPerGpu: 0,
    // Built field by field, not spread from the defaults: optional refinements of the defaults
    // (per-sequence overhead, attention efficiencies) must not leak into the 100 % roofline.
    efficiency: {
      computeEfficiencyFraction: 1,
      memoryEfficiencyFraction: 1,
      interconnectEfficiencyFraction: DEFAULT_EFFICIENCY.interconnectEfficiencyFraction,
      stepOverheadSeconds: 0,
      provenance: 'default',
      calibrationProfileId: null,
      source: 'calibration import: roofline at 100 % of datasheet peaks',
    },
  };

  let backend = 'vllm';
  const measurements: StepMeasurement[] = [];
  input.results.forEach((raw, i) => {
    const path = `results[${i}]`;
    if (!isRecord(raw)) throw new RangeError(`${path}: must be a benchmark_serving result object`);
    if (typeof raw.backend === 'string' && raw.backend.length > 0 && raw.backend.length <= 100) backend = raw.backend;
    const completed = positive(raw.completed, `${path}.completed`);
    if (!Number.isInteger(completed)) throw new RangeError(`${path}.completed: must be a positive integer, got ${completed}`);
    const meanPromptTokens = positive(raw.total_input_tokens, `${path}.total_input_tokens`) / completed;
    const meanOutputTokens = positive(raw.total_output_tokens, `${path}.total_output_tokens`) / completed;
    const tpotMs = optionalPositive(raw.median_tpot_ms, `${path}.median_tpot_ms`) ?? positive(raw.mean_tpot_ms, `${path}.mean_tpot_ms`);
    const meanTpotMs = optionalPositive(raw.mean_tpot_ms, `${path}.mean_tpot_ms`) ?? tpotMs;
    const maxConcurrency = optionalPositive(raw.max_concurrency, `${path}.max_concurrency`);
    const batch =
      maxConcurrency !== null
        ? Math.max(1, Math.round(Math.min(maxConcurrency, completed)))
        : Math.max(1, Math.round(positive(raw.output_throughput, `${path}.output_throughput`) * (meanTpotMs / 1000)));
    const context = meanPromptTokens + meanOutputTokens / 2;
    const deployment: DeploymentSpec = { ...base, maxBatchSequences: Math.max(batch, 1), prefillChunkTokens: Math.max(1, Math.ceil(meanPromptTokens)) };
    const decode = decodeStepTime(deployment, batch, context);
    measurements.push(
      toMeasurement('decode', batch, batch, context, tpotMs / 1000, completed, decode, peakPerReplica, model, weightFormat.id, kvCacheFormat.id, `${path}.median_tpot_ms`),
    );
    if (batch === 1) {
      const ttftMs = optionalPositive(raw.median_ttft_ms, `${path}.median_ttft_ms`) ?? optionalPositive(raw.mean_ttft_ms, `${path}.mean_ttft_ms`);
      if (ttftMs !== null) {
        const promptTokens = Math.max(1, Math.round(meanPromptTokens));
        const prefill = prefillStepTime(deployment, promptTokens);
        measurements.push(
          toMeasurement('prefill', 1, promptTokens, 0, ttftMs / 1000, completed, prefill, peakPerReplica, model, weightFormat.id, kvCacheFormat.id, `${path}.median_ttft_ms`),
        );
      }
    }
  });

  return {
    schemaVersion: MEASUREMENT_SCHEMA_VERSION,
    engine: { name: 'vllm', version: input.engineVersion ?? 'unknown', backend, threads: tp },
    hardware: hardwareOf(gpu, tp, weightFormat.id, peakPerReplica),
    model: {
      name: model.id,
      layers: model.numLayers,
      hiddenSize: model.hiddenSize,
      queryHeads: model.attention.numHeads,
      kvHeads: model.attention.kind === 'gqa' ? model.attention.numKvHeads : 1,
      expertCount: model.moe.numRoutedExperts,
      topK: model.moe.numActiveExperts,
      expertIntermediateSize: model.moe.expertIntermediateSize,
      vocabSize: model.vocabSize,
    },
    measurements,
  };
}

function hardwareOf(gpu: GpuSpec, tp: number, formatId: string, peakPerReplica: number): MeasurementSet['hardware'] {
  return {
    fingerprint: `${gpu.id}×${tp}`,
    description: `${gpu.name} × ${tp} (tensor parallel), catalog datasheet peaks`,
    memoryBandwidthBytesPerSecond: gpu.hbmBytesPerSecond * tp,
    peakFlopsPerSecondByFormat: { [formatId]: peakPerReplica },
  };
}

function toMeasurement(
  phase: 'decode' | 'prefill',
  batchSequences: number,
  tokensInStep: number,
  contextTokens: number,
  measuredSeconds: number,
  repeats: number,
  step: StepTime,
  peakPerReplica: number,
  model: ModelSpec,
  weightFormat: string,
  kvCacheFormat: string,
  field: string,
): StepMeasurement {
  const stepSeconds = measuredSeconds - step.communicationSeconds;
  if (!(stepSeconds > 0)) {
    throw new RangeError(`${field}: ${measuredSeconds * 1000} ms is shorter than the modelled tensor-parallel communication (${(step.communicationSeconds * 1000).toFixed(3)} ms)`);
  }
  return {
    phase,
    batchSequences,
    tokensInStep,
    contextTokens,
    expertCount: model.moe.numRoutedExperts,
    topK: model.moe.numActiveExperts,
    weightFormat,
    kvCacheFormat,
    stepSeconds,
    repeats,
    flopsPerStep: step.computeSeconds * peakPerReplica,
    bytesPerStep: step.bytesMoved,
    distinctExpertsPerLayer: null,
  };
}
