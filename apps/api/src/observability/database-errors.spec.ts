import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ApiExceptionFilter } from '../common/api-exception.filter.js';
import { isDatabaseUnavailable } from './database-errors.js';

/** Runs the global filter on one exception and returns what the client would get. */
function clientSees(exception: unknown): { status: number; body: Record<string, unknown> } {
  const seen = { status: 0, body: {} as Record<string, unknown> };
  const response = { headersSent: false, status: (s: number) => ((seen.status = s), response), type: () => response, json: (b: Record<string, unknown>) => (seen.body = b) };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ requestId: 'r-1' }) }) } as unknown as ArgumentsHost;
  const filter = new ApiExceptionFilter();
  (filter as unknown as { logger: { error: () => void; warn: () => void } }).logger = { error: () => undefined, warn: () => undefined };
  filter.catch(exception, host);
  return seen;
}

describe('database errors at the API edge', () => {
  it('turns a failed SQL statement into a plain 500 that carries no SQL, table name or stack', () => {
    const driverError = Object.assign(new Error('relation "secret_table" does not exist'), { code: '42P01' });
    const { status, body } = clientSees(new QueryFailedError('SELECT password FROM "secret_table" WHERE id = $1', ['42'], driverError));
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, code: 'internal_error', message: 'internal error', details: [] });
  });

  it.each([
    ['a refused connection (server down)', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a refused connection on every address (AggregateError)', Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], ''), {})],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a connection the server terminated (57P01 admin shutdown)', new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))],
    ['a server still starting (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a hanging server past DATABASE_QUERY_TIMEOUT_MS (pg query_timeout)', new QueryFailedError('SELECT 1', [], new Error('Query read timeout'))],
  ])('answers %s with 503 database_unavailable', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(clientSees(error)).toEqual({ status: 503, body: { statusCode: 503, code: 'database_unavailable', message: 'the database is not reachable; try again later', details: [] } });
  });

  it('says so when the database disk is full (53100), without leaking the path', () => {
    const full = new QueryFailedError('INSERT INTO scenarios …', [], Object.assign(new Error('could not extend file "base/5/16384": No space left on device'), { code: '53100' }));
    expect(clientSees(full).body).toEqual({ statusCode: 503, code: 'database_unavailable', message: 'the database is out of disk space; try again later', details: [] });
  });

  it('answers text the database cannot store (U+0000 in a text or jsonb column) with 400, not 500', () => {
    const nul = new QueryFailedError('INSERT …', [], Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }));
    expect(clientSees(nul)).toEqual({ status: 400, body: { statusCode: 400, code: 'validation_failed', message: 'a text field contains a character that cannot be stored (U+0000)', details: [{ field: '', reason: 'must not contain \\u0000' }] } });
    const jsonbNul = new QueryFailedError('INSERT …', [], Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' }));
    expect(clientSees(jsonbNul).status).toBe(400);
  });

  it('leaves constraint violations and plain bugs alone', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});
