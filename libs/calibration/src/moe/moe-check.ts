import { mean, median } from 'simple-statistics';
import { findWeightFormat } from '../../../catalog/src/index.js';
import { distinctExpertsTouched } from '../../../capacity/src/index.js';
import type { MeasurementSet, StepMeasurement } from '../measurement.js';
import { predictStepSeconds, type StepTimeCoefficients } from '../fit/step-time-model.js';

/** Bytes per weight of the reference engine's formats that are not catalog ids (catalog ids use the catalog's figure, scales included). */
const ENGINE_FORMAT_BYTES_PER_PARAM: Readonly<Record<string, number>> = {
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  // Per-output-channel scales: one 4-byte scale per row of thousands of weights, under 0.1 %.
  int8: 1,
  // Group-wise scales: a 2-byte scale per group of 32 adds 1/16 byte per weight (group 64: 1/32).
  int4: 0.5 + 2 / 32,
  fp4: 0.5 + 1 / 16,
};

/** SwiGLU expert: gate, up and down projections, each hidden × expert width. */
const MATRICES_PER_EXPERT = 3;

export interface MoeCheckRow {
  readonly expertCount: number;
  readonly topK: number;
  readonly batchSequences: number;
  /** Decode measurements in this group (different contexts or formats pooled). */
  readonly measurements: number;
  /** E × (1 − (1 − k/E)^n) with n = batch tokens, uniform routing. */
  readonly expectedDistinctExperts: number;
  /** Mean of what the engine counted; null when it did not count. */
  readonly measuredDistinctExperts: number | null;
  readonly measuredStepSeconds: number;
  /** Fitted model on the step's own bytes (the experts it actually touched). */
  readonly predictedStepSeconds: number;
  /** Fitted model with the expert bytes replaced by those of the expected distinct experts; null when the engine did not count or the format's bytes are unknown. */
  readonly predictedStepSecondsFromFormula: number | null;
  /** (measured − predictedFromFormula) / measured, or of predicted when the formula variant is unavailable. */
  readonly relativeError: number;
}

export interface MoeCheck {
  readonly rows: readonly MoeCheckRow[];
  /** Median |measured − expected| / expected distinct experts over rows that counted; null when none did. */
  readonly medianDistinctExpertsRelativeError: number | null;
  readonly medianAbsoluteStepTimeRelativeError: number | null;
  readonly note: string;
}

function bytesPerParam(format: string): number | null {
  const catalog = findWeightFormat(format);
  if (catalog) return catalog.bytesPerParam;
  return ENGINE_FORMAT_BYTES_PER_PARAM[format] ?? null;
}

/**
 * Checks the MoE part of the model on decode steps: for each (E, k, batch), the distinct experts
 * per layer the engine counted against E × (1 − (1 − k/E)^n), and the step time the fitted
 * roofline predicts when the expert bytes follow the formula instead of the count.
 *
 * Bytes of one expert of one layer = 3 × hidden × expert width × bytes per weight of the step's
 * format; every layer of the set's model is taken as an MoE layer (true of the reference engine's
 * presets; a model with leading dense layers overstates the expert bytes by their share).
 */
export function checkMoeDecode(set: MeasurementSet, coefficients: StepTimeCoefficients): MoeCheck {
  const groups = new Map<string, StepMeasurement[]>();
  for (const m of set.measurements) {
    if (m.phase !== 'decode') continue;
    const key = `${m.expertCount}/${m.topK}/${m.batchSequences}`;
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const { peakFlopsPerSecondByFormat: peaks, memoryBandwidthBytesPerSecond: bandwidth } = set.hardware;
  const rows = [...groups.values()].map((group): MoeCheckRow => {
    const { expertCount, topK, batchSequences } = group[0]!;
    const expected = distinctExpertsTouched(expertCount, topK, batchSequences);
    const counted = group.filter((m) => m.distinctExpertsPerLayer !== null);
    const predicted: number[] = [];
    const fromFormula: number[] = [];
    for (const m of group) {
      const point = { computeSecondsAtPeak: m.flopsPerStep / peaks[m.weightFormat]!, memorySecondsAtPeak: m.bytesPerStep / bandwidth, measuredSeconds: m.stepSeconds };
      predicted.push(predictStepSeconds(point, coefficients));
      const perParam = bytesPerParam(m.weightFormat);
      if (m.distinctExpertsPerLayer !== null && perParam !== null) {
        const expertBytes = MATRICES_PER_EXPERT * set.model.hiddenSize * set.model.expertIntermediateSize * perParam * set.model.layers;
        const bytes = Math.max(0, m.bytesPerStep + (expected - m.distinctExpertsPerLayer) * expertBytes);
        fromFormula.push(predictStepSeconds({ ...point, memorySecondsAtPeak: bytes / bandwidth }, coefficients));
      }
    }
    const measuredStepSeconds = median(group.map((m) => m.stepSeconds));
    const formulaSeconds = fromFormula.length === group.length ? median(fromFormula) : null;
    const predictedStepSeconds = median(predicted);
    return {
      expertCount,
      topK,
      batchSequences,
      measurements: group.length,
      expectedDistinctExperts: expected,
      measuredDistinctExperts: counted.length > 0 ? mean(counted.map((m) => m.distinctExpertsPerLayer!)) : null,
      measuredStepSeconds,
      predictedStepSeconds,
      predictedStepSecondsFromFormula: formulaSeconds,
      relativeError: (measuredStepSeconds - (formulaSeconds ?? predictedStepSeconds)) / measuredStepSeconds,
    };
  });
  rows.sort((p, q) => p.expertCount - q.expertCount || p.topK - q.topK || p.batchSequences - q.batchSequences);
  const distinctErrors = rows
    .filter((r) => r.measuredDistinctExperts !== null)
    .map((r) => Math.abs(r.measuredDistinctExperts! - r.expectedDistinctExperts) / r.expectedDistinctExperts);
  return {
    rows,
    medianDistinctExpertsRelativeError: distinctErrors.length > 0 ? median(distinctErrors) : null,
    medianAbsoluteStepTimeRelativeError: rows.length > 0 ? median(rows.map((r) => Math.abs(r.relativeError))) : null,
    note: 'Distinct experts per layer: counted by the engine vs E × (1 − (1 − k/E)^n) for uniform top-k routing; a skewed router touches fewer than the formula. Step-time error uses the fitted coefficients with the formula’s expert bytes.',
  };
}
