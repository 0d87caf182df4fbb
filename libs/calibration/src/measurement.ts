/**
 * The calibration schema: what an engine run (the bundled reference engine, or vLLM / SGLang
 * benchmark output mapped into it) measured, with enough context to fit the roofline's
 * coefficients. Version the schema; readers reject versions they do not know.
 */
export const MEASUREMENT_SCHEMA_VERSION = 1 as const;

export type MeasuredPhase = 'decode' | 'prefill';

/** One step shape, measured several times; stepSeconds is the median of the repeats. */
export interface StepMeasurement {
  readonly phase: MeasuredPhase;
  /** Sequences in the step. */
  readonly batchSequences: number;
  /** Tokens processed in the step: decode = batchSequences; prefill = chunk tokens summed over sequences. */
  readonly tokensInStep: number;
  /** Mean context length (tokens already in the KV cache) per sequence at this step. */
  readonly contextTokens: number;
  /** Routed experts per layer and experts chosen per token, as run. */
  readonly expertCount: number;
  readonly topK: number;
  /** Weight format of the step's matmuls ('fp32' | 'bf16' | 'int8' | 'int4' | 'fp8' | 'fp4' …). */
  readonly weightFormat: string;
  readonly kvCacheFormat: string;
  /** Median over repeats. */
  readonly stepSeconds: number;
  readonly repeats: number;
  /** Arithmetic of the step: 2 × multiply-adds of every matmul and attention. */
  readonly flopsPerStep: number;
  /** Bytes streamed: dense weights + experts actually touched + KV read. */
  readonly bytesPerStep: number;
  /** Mean distinct routed experts per layer the step touched (measured by the engine when it can count). */
  readonly distinctExpertsPerLayer: number | null;
}

export interface MeasuredHardware {
  /** Stable identifier of the machine kind (CPU model + flags, or GPU name + driver). */
  readonly fingerprint: string;
  readonly description: string;
  /** Measured (not datasheet) streaming read bandwidth of the threads the run used. */
  readonly memoryBandwidthBytesPerSecond: number;
  /** Measured peak of the best kernel per weight format, FLOP/s (or OP/s for integer formats). */
  readonly peakFlopsPerSecondByFormat: Readonly<Record<string, number>>;
}

export interface MeasurementSet {
  readonly schemaVersion: typeof MEASUREMENT_SCHEMA_VERSION;
  readonly engine: { readonly name: string; readonly version: string; readonly backend: string; readonly threads: number };
  readonly hardware: MeasuredHardware;
  /** Shape of the model run (a preset name and its dimensions). */
  readonly model: {
    readonly name: string;
    readonly layers: number;
    readonly hiddenSize: number;
    readonly queryHeads: number;
    readonly kvHeads: number;
    readonly expertCount: number;
    readonly topK: number;
    readonly expertIntermediateSize: number;
    readonly vocabSize: number;
  };
  readonly measurements: readonly StepMeasurement[];
}
