import { HttpStatus } from '@nestjs/common';
import {
  calibrate,
  checkMoeDecode,
  measurementSetFromVllmBenchmarkServing,
  validateMeasurementSet,
  type CalibrationFit,
  type MeasurementSet,
  type MoeCheck,
  type VllmBenchmarkServingImport,
} from '../../../../libs/calibration/src/index.js';
import { ApiError, ErrorCode } from '../common/api-error.js';

export const UPLOAD_FORMATS = ['measurement-set', 'vllm-benchmark-serving'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

export interface ParsedUpload {
  readonly name: string;
  readonly origin: UploadFormat | 'engine-run';
  readonly originInputs: Record<string, unknown> | null;
  readonly set: MeasurementSet;
}

export interface FittedUpload extends ParsedUpload {
  readonly fit: CalibrationFit;
  readonly moeCheck: MoeCheck;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

const VLLM_KEYS = new Set(['format', 'name', 'modelId', 'gpuId', 'weightFormat', 'expertWeightFormat', 'kvCacheFormat', 'tensorParallelSize', 'engineVersion', 'results']);

/** A libs RangeError ('measurements[3].stepSeconds: …') as the API's 400, its field prefixed where the body nests it. */
function asFieldError(error: unknown, prefix: string): never {
  if (!(error instanceof RangeError)) throw error;
  const match = /^([A-Za-z0-9_.[\]]+): (.+)$/s.exec(error.message);
  const field = match ? `${prefix}${match[1]!}` : prefix.replace(/\.$/, '');
  const reason = match ? match[2]! : error.message;
  throw ApiError.invalidField(field, reason);
}

function nameOf(body: Json): string {
  if (body.name === undefined) return '';
  if (typeof body.name !== 'string' || body.name.length > 200) throw ApiError.invalidField('name', 'must be a string of at most 200 characters');
  return body.name;
}

/**
 * POST /v1/calibrations bodies, checked by the libs' readers (class-validator cannot express a
 * body that is one of two shapes with arrays of open records):
 *  - a MeasurementSet as the engine writes it (recognised by its `schemaVersion`);
 *  - `{format: 'measurement-set', name?, measurementSet}`;
 *  - `{format: 'vllm-benchmark-serving', name?, modelId, gpuId, weightFormat, …, results: […]}`.
 */
export function parseUpload(body: unknown): ParsedUpload {
  if (!isRecord(body)) throw ApiError.invalidField('', 'body must be a JSON object: a measurement set or {format, …}');
  if (body.format === undefined && body.schemaVersion !== undefined) {
    try {
      return { name: '', origin: 'measurement-set', originInputs: null, set: validateMeasurementSet(body) };
    } catch (error) {
      asFieldError(error, '');
    }
  }
  if (body.format === 'measurement-set') {
    const unknown = Object.keys(body).filter((k) => !['format', 'name', 'measurementSet'].includes(k));
    if (unknown.length > 0) throw ApiError.invalidField(unknown[0]!, 'unknown field: not part of the schema');
    const name = nameOf(body);
    try {
      return { name, origin: 'measurement-set', originInputs: null, set: validateMeasurementSet(body.measurementSet) };
    } catch (error) {
      asFieldError(error, 'measurementSet.');
    }
  }
  if (body.format === 'vllm-benchmark-serving') {
    const unknown = Object.keys(body).filter((k) => !VLLM_KEYS.has(k));
    if (unknown.length > 0) throw ApiError.invalidField(unknown[0]!, 'unknown field: not part of the schema');
    const name = nameOf(body);
    try {
      const set = validateMeasurementSet(measurementSetFromVllmBenchmarkServing(body as unknown as VllmBenchmarkServingImport));
      const { results: _results, ...inputs } = body;
      return { name, origin: 'vllm-benchmark-serving', originInputs: { ...inputs, resultCount: (body.results as unknown[]).length }, set };
    } catch (error) {
      asFieldError(error, '');
    }
  }
  throw ApiError.invalidField('format', `must be one of ${UPLOAD_FORMATS.join(', ')} (or omit it and send a measurement set with schemaVersion), got ${JSON.stringify(body.format ?? null)}`);
}

/**
 * Fits a parsed set. A set that is valid but cannot be fitted (too few points) is a 422 naming
 * `measurements` and the reason.
 */
export function fitUpload(upload: ParsedUpload, fieldPrefix = ''): FittedUpload {
  let fit: CalibrationFit;
  try {
    fit = calibrate(upload.set);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const reason = error.message.replace(/^measurements: /, '');
    throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.ValidationFailed, `measurements cannot be fitted: ${reason}`, [{ field: `${fieldPrefix}measurements`, reason }]);
  }
  return { ...upload, fit, moeCheck: checkMoeDecode(upload.set, fit.coefficients) };
}
