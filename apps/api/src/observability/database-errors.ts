/**
 * Is this error "the database cannot be reached / cannot take it right now" rather than a bug?
 * Those become 503 database_unavailable (retry later), never a 500 or a hang.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATE: 08 connection exception, 57P01-03 shutdown / cannot connect now, 53 insufficient resources (disk full, out of memory, too many connections). */
const SQLSTATE = /^(08...|57P0[1-3]|53...)$/;
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|the database system is (starting up|shutting down)|Cannot use a pool after calling end|connect ECONNREFUSED|Query read timeout/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** disk_full (53100): the message says so, since the operator's fix differs from a restart. */
export function isDiskFull(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return e?.code === '53100' || e?.driverError?.code === '53100';
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000 (SQLSTATE 22021 / 22P05). JSON can, so a client
 * can send it; that is a bad request, not a server fault.
 */
export function isUnstorableText(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === '22021' || code === '22P05';
}
