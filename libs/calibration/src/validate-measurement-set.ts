import { MEASUREMENT_SCHEMA_VERSION, type MeasurementSet, type StepMeasurement } from './measurement.js';

/** Uploads larger than this are refused: a sweep of every batch × context × format fits far below it. */
export const MAX_MEASUREMENTS = 10_000;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  return String(value);
}

function record(value: unknown, path: string): Json {
  if (!isRecord(value)) throw new RangeError(`${path}: must be an object, got ${describe(value)}`);
  return value;
}

function text(value: unknown, path: string, maxLength = 200): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw new RangeError(`${path}: must be a string of 1 to ${maxLength} characters, got ${describe(value)}`);
  }
  return value;
}

function positive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${path}: must be a positive finite number, got ${describe(value)}`);
  }
  return value;
}

function nonNegative(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${path}: must be a non-negative finite number, got ${describe(value)}`);
  }
  return value;
}

function positiveInteger(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${path}: must be a positive integer, got ${describe(value)}`);
  }
  return value;
}

function validateStep(value: unknown, path: string, peaks: Readonly<Record<string, number>>): StepMeasurement {
  const m = record(value, path);
  if (m.phase !== 'decode' && m.phase !== 'prefill') {
    throw new RangeError(`${path}.phase: must be "decode" or "prefill", got ${describe(m.phase)}`);
  }
  const batchSequences = positiveInteger(m.batchSequences, `${path}.batchSequences`);
  const tokensInStep = positiveInteger(m.tokensInStep, `${path}.tokensInStep`);
  if (m.phase === 'decode' && tokensInStep !== batchSequences) {
    throw new RangeError(`${path}.tokensInStep: a decode step produces one token per sequence, so must equal batchSequences (${batchSequences}), got ${tokensInStep}`);
  }
  const expertCount = positiveInteger(m.expertCount, `${path}.expertCount`);
  const topK = positiveInteger(m.topK, `${path}.topK`);
  if (topK > expertCount) throw new RangeError(`${path}.topK: must not exceed expertCount (${expertCount}), got ${topK}`);
  const weightFormat = text(m.weightFormat, `${path}.weightFormat`, 32);
  if (peaks[weightFormat] === undefined) {
    throw new RangeError(`${path}.weightFormat: hardware.peakFlopsPerSecondByFormat has no peak for "${weightFormat}"`);
  }
  let distinct: number | null = null;
  if (m.distinctExpertsPerLayer !== null && m.distinctExpertsPerLayer !== undefined) {
    distinct = positive(m.distinctExpertsPerLayer, `${path}.distinctExpertsPerLayer`);
    if (distinct > expertCount) {
      throw new RangeError(`${path}.distinctExpertsPerLayer: must not exceed expertCount (${expertCount}), got ${distinct}`);
    }
  }
  return {
    phase: m.phase,
    batchSequences,
    tokensInStep,
    contextTokens: nonNegative(m.contextTokens, `${path}.contextTokens`),
    expertCount,
    topK,
    weightFormat,
    kvCacheFormat: text(m.kvCacheFormat, `${path}.kvCacheFormat`, 32),
    stepSeconds: positive(m.stepSeconds, `${path}.stepSeconds`),
    repeats: positiveInteger(m.repeats, `${path}.repeats`),
    flopsPerStep: positive(m.flopsPerStep, `${path}.flopsPerStep`),
    bytesPerStep: positive(m.bytesPerStep, `${path}.bytesPerStep`),
    distinctExpertsPerLayer: distinct,
  };
}

/**
 * Checks an uploaded (or engine-written) measurement set field by field and returns a clean copy
 * holding only the schema's fields.
 *
 * @throws RangeError('measurements[3].stepSeconds: must be a positive finite number, got -1'):
 *   the first problem found, named by its path.
 */
export function validateMeasurementSet(input: unknown): MeasurementSet {
  const set = record(input, 'measurementSet');
  if (set.schemaVersion !== MEASUREMENT_SCHEMA_VERSION) {
    throw new RangeError(`schemaVersion: must be ${MEASUREMENT_SCHEMA_VERSION} (the only version this reader knows), got ${describe(set.schemaVersion)}`);
  }
  const engine = record(set.engine, 'engine');
  const hardware = record(set.hardware, 'hardware');
  const peaksIn = record(hardware.peakFlopsPerSecondByFormat, 'hardware.peakFlopsPerSecondByFormat');
  const peakEntries = Object.entries(peaksIn);
  if (peakEntries.length === 0) throw new RangeError('hardware.peakFlopsPerSecondByFormat: must name at least one format');
  const peaks: Record<string, number> = {};
  for (const [format, peak] of peakEntries) {
    text(format, 'hardware.peakFlopsPerSecondByFormat', 32);
    peaks[format] = positive(peak, `hardware.peakFlopsPerSecondByFormat.${format}`);
  }
  const model = record(set.model, 'model');
  const expertCount = positiveInteger(model.expertCount, 'model.expertCount');
  const topK = positiveInteger(model.topK, 'model.topK');
  if (topK > expertCount) throw new RangeError(`model.topK: must not exceed model.expertCount (${expertCount}), got ${topK}`);
  if (!Array.isArray(set.measurements)) throw new RangeError(`measurements: must be an array, got ${describe(set.measurements)}`);
  if (set.measurements.length === 0) throw new RangeError('measurements: must hold at least one measurement');
  if (set.measurements.length > MAX_MEASUREMENTS) {
    throw new RangeError(`measurements: at most ${MAX_MEASUREMENTS} measurements, got ${set.measurements.length}`);
  }
  return {
    schemaVersion: MEASUREMENT_SCHEMA_VERSION,
    engine: {
      name: text(engine.name, 'engine.name', 100),
      version: text(engine.version, 'engine.version', 100),
      backend: text(engine.backend, 'engine.backend', 100),
      threads: positiveInteger(engine.threads, 'engine.threads'),
    },
    hardware: {
      fingerprint: text(hardware.fingerprint, 'hardware.fingerprint', 500),
      description: typeof hardware.description === 'string' ? hardware.description.slice(0, 1000) : '',
      memoryBandwidthBytesPerSecond: positive(hardware.memoryBandwidthBytesPerSecond, 'hardware.memoryBandwidthBytesPerSecond'),
      peakFlopsPerSecondByFormat: peaks,
    },
    model: {
      name: text(model.name, 'model.name', 100),
      layers: positiveInteger(model.layers, 'model.layers'),
      hiddenSize: positiveInteger(model.hiddenSize, 'model.hiddenSize'),
      queryHeads: positiveInteger(model.queryHeads, 'model.queryHeads'),
      kvHeads: positiveInteger(model.kvHeads, 'model.kvHeads'),
      expertCount,
      topK,
      expertIntermediateSize: positiveInteger(model.expertIntermediateSize, 'model.expertIntermediateSize'),
      vocabSize: positiveInteger(model.vocabSize, 'model.vocabSize'),
    },
    measurements: set.measurements.map((m, i) => validateStep(m, `measurements[${i}]`, peaks)),
  };
}
