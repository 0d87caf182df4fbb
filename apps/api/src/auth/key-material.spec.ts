import { generateApiKey, hashApiKey, keyPrefixOf, presentedKey, sameDigest } from './key-material.js';

describe('API key material', () => {
  it('hashes with SHA-256: the digest of "abc" is the FIPS 180-2 test vector', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('makes 256-bit keys that differ each time and a 13-character display prefix', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice('capsim_'.length), 'base64url')).toHaveLength(32);
    expect(keyPrefixOf(a)).toBe(a.slice(0, 13));
  });

  it('compares digests in constant time and rejects different lengths', () => {
    expect(sameDigest(hashApiKey('x'), hashApiKey('x'))).toBe(true);
    expect(sameDigest(hashApiKey('x'), hashApiKey('y'))).toBe(false);
    expect(sameDigest('ab', hashApiKey('x'))).toBe(false);
  });

  it('reads Bearer and X-API-Key; a malformed Authorization header is an empty (invalid) key, not a missing one', () => {
    expect(presentedKey({ authorization: 'Bearer abc' })).toBe('abc');
    expect(presentedKey({ authorization: 'bearer   abc  ' })).toBe('abc');
    expect(presentedKey({ 'x-api-key': 'abc' })).toBe('abc');
    expect(presentedKey({ authorization: 'Basic YTpi' })).toBe('');
    expect(presentedKey({})).toBeUndefined();
  });
});
