import type { WeightBytesByComponent } from '../../libs/capacity/src/index.js';
import type { WhatIfEvaluation } from '../../libs/cost/src/index.js';
import { GB, KV_COLOUR, RESERVE_COLOUR, axis, baseOptions, colour } from './style.js';
import type { ChartSpec } from './types.js';

/** Weight components in stacking order (bottom first), with the legend label of each. */
export const WEIGHT_COMPONENTS: readonly (readonly [keyof WeightBytesByComponent, string])[] = [
  ['embeddingBytes', 'weights: embeddings'],
  ['lmHeadBytes', 'weights: LM head'],
  ['attentionBytes', 'weights: attention'],
  ['denseFfnBytes', 'weights: dense FFN'],
  ['routerBytes', 'weights: router'],
  ['sharedExpertBytes', 'weights: shared experts'],
  ['routedExpertBytes', 'weights: routed experts'],
  ['normBytes', 'weights: norms'],
];

/**
 * Memory of each GPU of one replica, stacked: weights by component, KV cache, reserve.
 * Tensor / expert parallel shards weights and KV evenly, so each GPU holds 1/N of each part.
 */
export function memoryChart(evaluation: Pick<WhatIfEvaluation, 'memory' | 'gpuId' | 'modelId'>): ChartSpec {
  const m = evaluation.memory;
  const n = m.gpusPerReplica;
  const labels = Array.from({ length: n }, (_, i) => `GPU ${i}`);
  const parts: (readonly [string, number])[] = [
    ...WEIGHT_COMPONENTS.map(([key, label]) => [label, m.weights[key] / n] as const),
    ['KV cache', m.kvCacheBytes / n],
    ['reserve (unusable HBM + activations / workspace)', m.reservedBytes / n],
  ];
  const shown = parts.filter(([, bytes]) => bytes > 0);
  const fillOf = (label: string, i: number) => (label === 'KV cache' ? KV_COLOUR : label.startsWith('reserve') ? RESERVE_COLOUR : colour(i));
  const datasets = shown.map(([label, bytes], i) => ({
    label,
    data: labels.map(() => bytes / GB),
    backgroundColor: fillOf(label, i),
    stack: 'memory',
  }));
  const hbmPerGpu = m.hbmBytesPerReplica / n;
  return {
    id: 'memory',
    title: 'Memory per GPU',
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: {
        ...baseOptions(
          `Memory per GPU: ${evaluation.modelId} on ${n} × ${evaluation.gpuId}`,
          `HBM ${(hbmPerGpu / GB).toFixed(1)} GB per GPU; KV capacity ${Math.round(m.kvCapacityTokens).toLocaleString('en-US')} tokens per replica`,
        ),
        scales: {
          x: axis('GPU of one replica', { stacked: true }),
          y: axis('memory (GB, 10⁹ bytes)', { stacked: true, beginAtZero: true }),
        },
      },
    },
    table: {
      columns: ['part', 'bytesPerGpu', 'gbPerGpu', 'gpusPerReplica'],
      rows: parts.map(([label, bytes]) => [label, bytes, bytes / GB, n]),
    },
  };
}

export interface RooflinePoint {
  readonly phase: 'decode' | 'prefill';
  /** Decode: sequences in the batch (one token each); prefill: prompt tokens in the step. */
  readonly tokensPerStep: number;
  readonly stepSeconds: number;
  readonly computeSeconds: number;
  readonly memorySeconds: number;
  readonly communicationSeconds: number;
  readonly bound: 'compute' | 'bandwidth';
}

export interface RooflineSeries {
  readonly modelId: string;
  readonly gpuId: string;
  readonly tensorParallelSize: number;
  readonly meanDecodeContextTokens: number;
  readonly points: readonly RooflinePoint[];
  /** The decode batch the replica runs at its SLO, and what caps it. */
  readonly operatingDecodeBatch: number;
  readonly operatingDecodeStepSeconds: number;
  readonly decodeBatchLimitedBy: string;
  readonly bindingLimit: string;
  readonly bindingLimitExplanation: string;
  /** Measured steps of the calibration profile the scenario references, drawn over the model's curve. */
  readonly calibration?: {
    readonly profileId: string;
    /** Which engine, model and machine measured them: they need not be this scenario's model or GPU. */
    readonly label: string;
    readonly points: readonly { readonly phase: 'decode' | 'prefill'; readonly tokensPerStep: number; readonly measuredSeconds: number }[];
  };
}

const MS = 1e3;

/**
 * Step time against tokens per step for decode and prefill (log–log), each point marked by the
 * regime that sets it (memory-bandwidth-bound or compute-bound), the ideal compute and memory
 * times as dashed roofs, and the operating decode batch.
 */
export function rooflineChart(series: RooflineSeries): ChartSpec {
  const phase = (p: RooflineSeries['points'][number]['phase']) => series.points.filter((x) => x.phase === p);
  const xy = (points: readonly RooflinePoint[], pick: (p: RooflinePoint) => number) => points.map((p) => ({ x: p.tokensPerStep, y: pick(p) * MS }));
  const decode = phase('decode');
  const prefill = phase('prefill');
  const line = (label: string, data: { x: number; y: number }[], c: string, dashed = false) => ({
    label,
    type: 'line' as const,
    data,
    borderColor: c,
    backgroundColor: c,
    borderDash: dashed ? [6, 4] : [],
    pointRadius: 0,
    borderWidth: dashed ? 1.5 : 2.5,
    showLine: true,
    fill: false,
  });
  const marks = (label: string, bound: RooflinePoint['bound'], c: string, style: string) => ({
    label,
    type: 'scatter' as const,
    data: xy(series.points.filter((p) => p.bound === bound), (p) => p.stepSeconds),
    borderColor: c,
    backgroundColor: c,
    pointStyle: style,
    pointRadius: 5,
  });
  const datasets = [
    line('decode step time', xy(decode, (p) => p.stepSeconds), colour(0)),
    line('prefill step time', xy(prefill, (p) => p.stepSeconds), colour(1)),
    line('decode: compute roof (FLOPs ÷ η·peak)', xy(decode, (p) => p.computeSeconds), colour(5), true),
    line('decode: memory roof (bytes ÷ η·bandwidth)', xy(decode, (p) => p.memorySeconds), colour(2), true),
    line('prefill: compute roof', xy(prefill, (p) => p.computeSeconds), colour(3), true),
    marks('memory-bound step', 'bandwidth', colour(2), 'circle'),
    marks('compute-bound step', 'compute', colour(5), 'triangle'),
    {
      label: `operating decode batch (${series.operatingDecodeBatch}, limited by ${series.decodeBatchLimitedBy})`,
      type: 'scatter' as const,
      data: [{ x: series.operatingDecodeBatch, y: series.operatingDecodeStepSeconds * MS }],
      borderColor: '#000000',
      backgroundColor: '#000000',
      pointStyle: 'rectRot',
      pointRadius: 9,
    },
    ...(series.calibration
      ? [
          {
            label: `calibration points, measured (${series.calibration.label})`,
            type: 'scatter' as const,
            data: series.calibration.points.map((p) => ({ x: p.tokensPerStep, y: p.measuredSeconds * MS })),
            borderColor: '#7F3C8D',
            backgroundColor: '#7F3C8D55',
            pointStyle: 'crossRot',
            pointRadius: 7,
            borderWidth: 2,
          },
        ]
      : []),
  ];
  return {
    id: 'roofline',
    title: 'Roofline',
    config: {
      type: 'scatter',
      data: { datasets },
      options: {
        ...baseOptions(
          `Roofline: ${series.modelId} on ${series.tensorParallelSize} × ${series.gpuId}; binding limit: ${series.bindingLimit}`,
          [series.bindingLimitExplanation, `Decode steps at the mean context of ${Math.round(series.meanDecodeContextTokens).toLocaleString('en-US')} tokens.`],
        ),
        scales: {
          x: axis('tokens per step (decode: sequences in the batch; prefill: prompt tokens)', { type: 'logarithmic' }),
          y: axis('step time (ms)', { type: 'logarithmic' }),
        },
      },
    },
    table: {
      columns: ['phase', 'tokensPerStep', 'stepSeconds', 'computeSeconds', 'memorySeconds', 'communicationSeconds', 'bound'],
      rows: [
        ...series.points.map((p) => [p.phase, p.tokensPerStep, p.stepSeconds, p.computeSeconds, p.memorySeconds, p.communicationSeconds, p.bound === 'bandwidth' ? 'memory' : 'compute']),
        ...(series.calibration?.points.map((p) => [`${p.phase} (measured)`, p.tokensPerStep, p.measuredSeconds, null, null, null, 'measured']) ?? []),
      ],
    },
  };
}
