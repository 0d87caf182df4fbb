import { validateEnvironment } from './environment.js';

describe(validateEnvironment.name, () => {
  it('fills the documented defaults from an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', PGLITE_DATA_DIR: './data/pglite', LOG_LEVEL: 'log' });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('reads numbers from their text form', () => {
    expect(validateEnvironment({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('treats VAR= (empty) as unset', () => {
    expect(validateEnvironment({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc', /PORT="abc": .*integer/],
    ['PORT', '70000', /PORT="70000": .*not be greater than 65535/],
    ['DATABASE_URL', 'mysql://db/x', /DATABASE_URL="mysql:\/\/db\/x": DATABASE_URL must look like postgres:\/\//],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud": LOG_LEVEL must be one of the following values/],
  ])('refuses %s=%s, naming the variable and the value', (name, value, message) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(message);
  });
});
