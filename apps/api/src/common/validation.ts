import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError, ErrorCode, type FieldProblem } from './api-error.js';

/** Flattens class-validator's tree into dotted field paths, one entry per broken rule. */
export function flattenValidationErrors(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const reason of Object.values(error.constraints ?? {})) {
      problems.push({ field, reason: reason.replace(/^property (\S+) should not exist$/, 'unknown field: not part of the schema') });
    }
    if (error.children?.length) problems.push(...flattenValidationErrors(error.children, field));
  }
  return problems;
}

/** The one strict global pipe: unknown fields, wrong types and out-of-range values are 400s. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const message = details.length > 0 ? details.map((d) => `${d.field}: ${d.reason}`).join('; ') : 'request body is invalid';
      return new ApiError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, message, details);
    },
  });
}
