import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PREFIX = 'capsim_';

/**
 * 32 random bytes (256 bits) from the OS CSPRNG. A prefix makes leaked keys easy to find with
 * secret scanners.
 */
export function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256, not bcrypt / argon2: those are slow on purpose to protect low-entropy passwords from
 * offline guessing. A 256-bit random key cannot be guessed whatever the hash speed, and a fast
 * hash lets every request be authenticated with one indexed lookup (a slow hash would cost tens
 * of ms per request and make the auth check itself a denial-of-service lever).
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Shown in lists so people can tell keys apart; 7 + 6 characters reveal 36 of the 256 bits. */
export function keyPrefixOf(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}

/** Constant-time comparison of two hex digests of equal length. */
export function sameDigest(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The key from `Authorization: Bearer <key>` or `X-API-Key: <key>`; undefined when neither is sent. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization !== '') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1] : '';
  }
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey.trim();
  return undefined;
}
