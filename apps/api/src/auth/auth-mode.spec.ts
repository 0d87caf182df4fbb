import { authMode, isLoopbackHost, validateEnvironment } from '../config/environment.js';

describe('auth mode from the environment', () => {
  const key = 'k'.repeat(32);

  it('runs open on the loopback default and on every loopback spelling', () => {
    expect(authMode(validateEnvironment({}))).toBe('open');
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) expect(isLoopbackHost(host)).toBe(true);
  });

  it('requires keys on any other address, and refuses to boot there without CAPSIM_ADMIN_KEY', () => {
    expect(() => validateEnvironment({ HOST: '0.0.0.0' })).toThrow(/CAPSIM_ADMIN_KEY is not set/);
    expect(authMode(validateEnvironment({ HOST: '0.0.0.0', CAPSIM_ADMIN_KEY: key }))).toBe('required');
    expect(isLoopbackHost('10.0.0.5')).toBe(false);
  });

  it('lets CAPSIM_AUTH override in both directions', () => {
    expect(() => validateEnvironment({ CAPSIM_AUTH: 'required' })).toThrow(/CAPSIM_AUTH=required/);
    expect(authMode(validateEnvironment({ CAPSIM_AUTH: 'required', CAPSIM_ADMIN_KEY: key }))).toBe('required');
    expect(authMode(validateEnvironment({ HOST: '0.0.0.0', CAPSIM_AUTH: 'open' }))).toBe('open');
  });

  it('refuses a short admin key without printing it', () => {
    expect(() => validateEnvironment({ CAPSIM_ADMIN_KEY: 'short-secret' })).toThrow(/CAPSIM_ADMIN_KEY=\(secret, not shown\): .*32 to 200/);
    expect(() => validateEnvironment({ CAPSIM_ADMIN_KEY: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
