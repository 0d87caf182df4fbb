import {
  GPU_CATALOG,
  KV_CACHE_FORMATS,
  MODEL_CATALOG,
  WEIGHT_FORMATS,
  effectiveComputeFormat,
  type ModelSpec,
} from '../../libs/catalog/src/index.js';
import {
  expertParallelDecodeAtSlo,
  expertParallelDecodeStep,
  expertParallelMemory,
  expertParallelPrefillStep,
  gemmTime,
  maxLoadThroughput,
  replicaThroughput,
  type DeploymentSpec,
  type ExpertParallelPoolSpec,
} from '../../libs/capacity/src/index.js';
import type { ExpertParallelSetup, ModelRef, PublishedFigure, ReplicaSetup, ValidationCase } from './case-types.js';
import { EFFICIENCY_BY_FAMILY, ENGINE_DEFAULTS, EXPERT_LOAD_IMBALANCE, GPU_FAMILY, type GpuFamily } from './coefficients.js';
import type { EfficiencyCoefficients } from '../../libs/capacity/src/index.js';

export type EfficiencyByFamily = Readonly<Record<GpuFamily, EfficiencyCoefficients>>;
import { LLAMA_2_70B, LLAMA_3_3_70B } from './dense-models.js';
import { trtllmBenchSettings } from './trtllm-bench-settings.js';

export interface FigureResult {
  readonly caseId: string;
  readonly label: string;
  readonly unit: string;
  readonly published: number;
  readonly predicted: number;
  /** predicted / published − 1 */
  readonly signedError: number;
  readonly bindingLimit: string;
  readonly notes: string;
  /**
   * Decode figures measured at a fixed batch imply a TPOT (batch ÷ per-GPU rate). capsim's
   * throughput when held to that TPOT: the largest batch whose predicted step meets it.
   */
  readonly atImpliedSlo?: { readonly tpotSeconds: number; readonly predicted: number; readonly sequencesPerGpu: number; readonly limitedBy: string };
}

export function modelOf(ref: ModelRef): ModelSpec {
  if (ref === 'llama-3.3-70b') return LLAMA_3_3_70B;
  if (ref === 'llama-2-70b') return LLAMA_2_70B;
  return MODEL_CATALOG[ref];
}

const GPUS_PER_NODE = 8;

export function evaluateCase(c: ValidationCase, efficiency: EfficiencyByFamily = EFFICIENCY_BY_FAMILY): FigureResult[] {
  return c.figures.map((figure) => {
    const { predicted, bindingLimit, notes, atImpliedSlo } = predict(c, figure, efficiency);
    return {
      ...(atImpliedSlo ? { atImpliedSlo } : {}),
      caseId: c.id,
      label: figure.label,
      unit: figure.unit,
      published: figure.published,
      predicted,
      signedError: predicted / figure.published - 1,
      bindingLimit,
      notes,
    };
  });
}

interface Prediction {
  predicted: number;
  bindingLimit: string;
  notes: string;
  atImpliedSlo?: FigureResult['atImpliedSlo'];
}

function predict(c: ValidationCase, figure: PublishedFigure, efficiency: EfficiencyByFamily): Prediction {
  const setup = c.setup;
  if (setup.kind === 'gemm') {
    const gpu = GPU_CATALOG[setup.gpu];
    const format = WEIGHT_FORMATS[setup.weightFormat];
    const t = gemmTime(
      gpu,
      {
        m: figure.tokens ?? 1,
        n: setup.n,
        k: setup.k,
        weightBytesPerParam: format.bytesPerParam,
        activationBytesPerElement: 2,
        computeFormat: effectiveComputeFormat(format, gpu),
      },
      efficiency[GPU_FAMILY[setup.gpu]],
    );
    return { predicted: t.seconds, bindingLimit: t.bound, notes: '' };
  }
  if (setup.kind === 'replica') return predictReplica(setup, figure, efficiency);
  return predictPool(setup, figure, efficiency);
}

/** The deployment of a replica case; for 'trtllm-bench' setups the batch cap and chunk depend on the figure's shape. */
export function replicaDeployment(
  setup: ReplicaSetup,
  efficiency: EfficiencyByFamily = EFFICIENCY_BY_FAMILY,
  figure?: PublishedFigure,
): DeploymentSpec {
  const engine = engineSettings(setup, figure);
  return {
    gpu: GPU_CATALOG[setup.gpu],
    model: modelOf(setup.model),
    weightFormat: WEIGHT_FORMATS[setup.weightFormat],
    expertWeightFormat: WEIGHT_FORMATS[setup.expertWeightFormat],
    kvCacheFormat: KV_CACHE_FORMATS[setup.kvCacheFormat],
    tensorParallelSize: setup.tensorParallelSize,
    expertParallel: setup.expertParallel,
    ...(setup.attentionDataParallel === true ? { attentionDataParallel: true } : {}),
    usableHbmFraction: ENGINE_DEFAULTS.usableHbmFraction,
    reservedBytesPerGpu: ENGINE_DEFAULTS.reservedBytesPerGpu,
    maxBatchSequences: engine.maxBatchSequences,
    prefillChunkTokens: engine.prefillChunkTokens,
    efficiency: efficiency[GPU_FAMILY[setup.gpu]],
  };
}

function engineSettings(setup: ReplicaSetup, figure: PublishedFigure | undefined) {
  if (setup.engineSettings !== 'trtllm-bench' || figure?.promptTokens === undefined || figure.outputTokens === undefined) {
    return { maxBatchSequences: ENGINE_DEFAULTS.maxBatchSequences, prefillChunkTokens: setup.prefillChunkTokens };
  }
  const s = trtllmBenchSettings(
    modelOf(setup.model),
    GPU_CATALOG[setup.gpu],
    setup.tensorParallelSize,
    setup.weightFormat,
    setup.kvCacheFormat,
    figure.promptTokens,
    figure.outputTokens,
  );
  return { maxBatchSequences: s.maxBatchSize, prefillChunkTokens: s.maxNumTokens };
}

function predictReplica(setup: ReplicaSetup, figure: PublishedFigure, efficiency: EfficiencyByFamily): Prediction {
  const deployment = replicaDeployment(setup, efficiency, figure);
  const perFigure = setup.figuresPer === 'gpu' ? 1 / setup.tensorParallelSize : 1;
  const promptTokens = figure.promptTokens ?? 0;
  if (figure.phase === 'prefill') {
    const t = replicaThroughput(
      deployment,
      { ttftSeconds: Number.MAX_VALUE, tpotSeconds: Number.MAX_VALUE },
      { meanPromptTokens: promptTokens, meanOutputTokens: 1, prefixCacheHitFraction: 0 },
    );
    return {
      predicted: t.prefillTokensPerSecond * perFigure,
      bindingLimit: `prefill ${t.prefillStep.bound}`,
      notes: '',
    };
  }
  const m = maxLoadThroughput(deployment, {
    meanPromptTokens: promptTokens,
    meanOutputTokens: figure.outputTokens ?? 1,
    prefixCacheHitFraction: 0,
  });
  const decode = replicaThroughput(
    deployment,
    { ttftSeconds: Number.MAX_VALUE, tpotSeconds: Number.MAX_VALUE },
    { meanPromptTokens: promptTokens, meanOutputTokens: figure.outputTokens ?? 1, prefixCacheHitFraction: 0 },
  );
  return {
    predicted: m.outputTokensPerSecond * perFigure,
    bindingLimit: `batch ${m.decodeBatchSequences} (${m.decodeBatchLimitedBy}), decode ${decode.decodeStep.bound}`,
    notes: `prefill ${(m.prefillTimeFraction * 100).toFixed(0)} % of time; chunk ${deployment.prefillChunkTokens}; ${stepParts(decode.decodeStep)}`,
  };
}

export function poolSpec(setup: ExpertParallelSetup, efficiency: EfficiencyByFamily = EFFICIENCY_BY_FAMILY): ExpertParallelPoolSpec {
  return {
    gpu: GPU_CATALOG[setup.gpu],
    model: modelOf(setup.model),
    weightFormat: WEIGHT_FORMATS[setup.weightFormat],
    expertWeightFormat: WEIGHT_FORMATS[setup.expertWeightFormat],
    kvCacheFormat: KV_CACHE_FORMATS[setup.kvCacheFormat],
    expertParallelSize: setup.expertParallelSize,
    redundantExpertsPerLayer: setup.redundantExpertsPerLayer,
    expertLoadImbalanceFactor: setup.eplb ? EXPERT_LOAD_IMBALANCE.withEplb : EXPERT_LOAD_IMBALANCE.withoutEplb,
    overlapCommunication: setup.twoBatchOverlap,
    dispatchBytesPerElement: setup.dispatchBytesPerElement,
    usableHbmFraction: ENGINE_DEFAULTS.usableHbmFraction,
    reservedBytesPerGpu: ENGINE_DEFAULTS.reservedBytesPerGpu,
    efficiency: efficiency[GPU_FAMILY[setup.gpu]],
  };
}

function predictPool(setup: ExpertParallelSetup, figure: PublishedFigure, efficiency: EfficiencyByFamily): Prediction {
  const spec = poolSpec(setup, efficiency);
  const perFigure = setup.figuresPer === 'node' ? GPUS_PER_NODE : 1;
  const memory = expertParallelMemory(spec);
  if (setup.phase === 'prefill') {
    const promptTokens = figure.promptTokens ?? 1;
    const prompts = Math.max(1, Math.floor(setup.tokensOrSequencesPerGpu / promptTokens));
    const step = expertParallelPrefillStep(spec, prompts, promptTokens);
    return {
      predicted: ((prompts * promptTokens) / step.stepSeconds) * perFigure,
      bindingLimit: `prefill ${step.bound}`,
      notes: parts(step),
    };
  }
  const sequences = setup.tokensOrSequencesPerGpu;
  const context = setup.meanContextTokens ?? 0;
  const step = expertParallelDecodeStep(spec, sequences, context);
  const finalTokens = setup.finalSequenceTokens ?? context;
  const fits = sequences * finalTokens <= memory.kvCapacityTokensPerGpu;
  const tpotSeconds = sequences / (figure.published / perFigure);
  const slo = expertParallelDecodeAtSlo(spec, tpotSeconds, context, finalTokens, ENGINE_DEFAULTS.maxBatchSequences);
  return {
    predicted: (sequences / step.stepSeconds) * perFigure,
    bindingLimit: `decode ${step.bound}`,
    notes: `${parts(step)}${fits ? '' : '; KV does NOT fit'}`,
    atImpliedSlo: {
      tpotSeconds,
      predicted: slo.tokensPerSecondPerGpu * perFigure,
      sequencesPerGpu: slo.sequencesPerGpu,
      limitedBy: slo.limitedBy,
    },
  };
}

const ms = (s: number) => (s * 1e3).toFixed(2);
function stepParts(step: { computeSeconds: number; memorySeconds: number; communicationSeconds: number; overheadSeconds: number; stepSeconds: number }) {
  return `decode step ${ms(step.stepSeconds)} ms = c ${ms(step.computeSeconds)} / m ${ms(step.memorySeconds)} / comm ${ms(step.communicationSeconds)} / host ${ms(step.overheadSeconds)}`;
}
function parts(step: { computeSeconds: number; memorySeconds: number; communicationSeconds: number; stepSeconds: number }) {
  return `step ${ms(step.stepSeconds)} ms = c ${ms(step.computeSeconds)} / m ${ms(step.memorySeconds)} / comm ${ms(step.communicationSeconds)}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
