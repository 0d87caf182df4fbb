import { HttpStatus } from '@nestjs/common';

/** Every error the API returns has this shape, whatever raised it. */
export interface ApiErrorBody {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: readonly FieldProblem[];
}

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. "workload.dailyActiveUsers"; "" for the body itself. */
  readonly field: string;
  readonly reason: string;
}

export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  MalformedJson = 'malformed_json',
  InvalidScenario = 'invalid_scenario',
  NotFound = 'not_found',
  VersionConflict = 'version_conflict',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  MethodNotAllowed = 'method_not_allowed',
  ServiceUnavailable = 'service_unavailable',
  LimitExceeded = 'limit_exceeded',
  QueueFull = 'queue_full',
  TooManyJobs = 'too_many_jobs',
  IdempotencyConflict = 'idempotency_conflict',
  JobStateConflict = 'job_state_conflict',
  Internal = 'internal_error',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  RateLimited = 'rate_limited',
  DatabaseUnavailable = 'database_unavailable',
}

/** A typed error raised by the app layer; the global filter turns it into ApiErrorBody. */
export class ApiError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static notFound(what: string, id: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `${what} ${id} not found`);
  }

  static invalidField(field: string, reason: string, code = ErrorCode.ValidationFailed): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, code, `${field}: ${reason}`, [{ field, reason }]);
  }
}
