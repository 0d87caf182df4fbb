import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { isDatabaseUnavailable, isDiskFull, isUnstorableText } from '../observability/database-errors.js';
import { ApiError, type ApiErrorBody, ErrorCode, type FieldProblem } from './api-error.js';

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.ValidationFailed,
  [HttpStatus.NOT_FOUND]: ErrorCode.NotFound,
  [HttpStatus.CONFLICT]: ErrorCode.VersionConflict,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PayloadTooLarge,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UnsupportedMediaType,
  [HttpStatus.METHOD_NOT_ALLOWED]: ErrorCode.MethodNotAllowed,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.ServiceUnavailable,
};

/**
 * libs/* signal bad input with RangeError("field.path: reason"); that is the caller's fault,
 * so it is a 400 naming the field, never a 500.
 */
function fromRangeError(error: RangeError): ApiErrorBody {
  const match = /^([A-Za-z0-9_.[\]]+): (.+)$/s.exec(error.message);
  const details: FieldProblem[] = match ? [{ field: match[1]!, reason: match[2]! }] : [];
  return { statusCode: HttpStatus.BAD_REQUEST, code: ErrorCode.InvalidScenario, message: error.message, details };
}

/** body-parser's errors carry `type` and `status`; they arrive before any route. */
function fromBodyParser(error: { type?: string; status?: number; message?: string }): ApiErrorBody | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return { statusCode: 400, code: ErrorCode.MalformedJson, message: 'request body is not valid JSON', details: [{ field: '', reason: 'malformed JSON' }] };
    case 'entity.too.large': {
      const { limit, length } = error as { limit?: number; length?: number };
      const reason = `limit ${limit ?? 'unknown'} bytes${length === undefined ? '' : `, got ${length}`}`;
      return { statusCode: 413, code: ErrorCode.PayloadTooLarge, message: `request body is larger than the limit of ${limit ?? 'unknown'} bytes`, details: [{ field: '', reason }] };
    }
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { statusCode: 415, code: ErrorCode.UnsupportedMediaType, message: error.message ?? 'unsupported encoding', details: [] };
    default:
      return undefined;
  }
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      const requestId = host.switchToHttp().getRequest<{ requestId?: string }>().requestId ?? '-';
      const text = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      // Expected refusals (database away, queue full, not ready) need a line, not a stack.
      if (body.code === ErrorCode.DatabaseUnavailable || exception instanceof ApiError) this.logger.warn(`request ${requestId}: ${text.split('\n')[0]}`);
      else this.logger.error(`request ${requestId}: ${text}`);
    }
    // Explicitly: a route that declared another type (text/csv, image/png) must not label its error JSON as that.
    if (!response.headersSent) response.status(body.statusCode).type('application/json').json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof ApiError) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof RangeError) return fromRangeError(exception);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const cause = exception.cause as { type?: string } | undefined;
      const parsed = cause ? fromBodyParser(cause) : undefined;
      if (parsed) return parsed;
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, code: STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed), message, details: [] };
    }
    const parsed = typeof exception === 'object' && exception !== null ? fromBodyParser(exception as { type?: string }) : undefined;
    if (parsed) return parsed;
    if (isUnstorableText(exception)) {
      return { statusCode: 400, code: ErrorCode.ValidationFailed, message: 'a text field contains a character that cannot be stored (U+0000)', details: [{ field: '', reason: 'must not contain \\u0000' }] };
    }
    // The database is down or full: the client should retry later, and must not wait for it.
    if (isDatabaseUnavailable(exception)) {
      const message = isDiskFull(exception) ? 'the database is out of disk space; try again later' : 'the database is not reachable; try again later';
      return { statusCode: 503, code: ErrorCode.DatabaseUnavailable, message, details: [] };
    }
    // Never leak stacks or SQL: the log has them, the client gets a plain sentence.
    return { statusCode: 500, code: ErrorCode.Internal, message: 'internal error', details: [] };
  }
}
