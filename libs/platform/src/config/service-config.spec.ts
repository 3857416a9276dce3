import { baseEnvSchema, InvalidEnvironmentError, parseEnvironment, redisConnectionFromUrl } from './service-config';

const schema = baseEnvSchema.extend({ PORT: baseEnvSchema.shape.PORT.default(3001) });

describe('parseEnvironment', () => {
  it('fills developer-machine defaults when nothing is set', () => {
    const config = parseEnvironment(schema, {});
    expect(config).toMatchObject({
      PORT: 3001,
      DATABASE_URL: 'postgres://postgres:postgres@localhost:5432/koperasi',
      REDIS_URL: 'redis://localhost:6379',
      QUEUE_PREFIX: 'koperasi',
      WORKER_CONCURRENCY: 128,
    });
  });

  it('treats empty strings as unset', () => {
    expect(parseEnvironment(schema, { PORT: '' }).PORT).toBe(3001);
  });

  it('converts numbers and refuses bad values, naming every bad variable', () => {
    expect(parseEnvironment(schema, { PORT: '8080' }).PORT).toBe(8080);
    let caught: unknown;
    try {
      parseEnvironment(schema, { PORT: 'eighty', REDIS_URL: 'not a url', QUEUE_PREFIX: 'has:colon' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEnvironmentError);
    const message = (caught as Error).message;
    expect(message).toMatch(/^Invalid environment: /);
    expect(message).toContain('PORT');
    expect(message).toContain('REDIS_URL');
    expect(message).toContain('QUEUE_PREFIX');
    expect((caught as InvalidEnvironmentError).problems).toHaveLength(3);
  });
});

describe('production secrets', () => {
  const production = (env: Record<string, string>) => () =>
    parseEnvironment(schema, { NODE_ENV: 'production', ...env });

  it('refuses a missing, default or short JWT_SECRET in production', () => {
    expect(production({})).toThrow(/JWT_SECRET: must be set in production/);
    expect(production({ JWT_SECRET: 'development-secret-change-me' })).toThrow(/JWT_SECRET: must be set/);
    expect(production({ JWT_SECRET: 'x'.repeat(31) })).toThrow(/JWT_SECRET: must be at least 32 bytes/);
  });

  it('accepts a long secret in production and the default elsewhere', () => {
    expect(production({ JWT_SECRET: 'x'.repeat(32) })().JWT_SECRET).toHaveLength(32);
    expect(parseEnvironment(schema, { NODE_ENV: 'test' }).JWT_SECRET).toBe('development-secret-change-me');
  });
});

describe('redisConnectionFromUrl', () => {
  it('reads host, port, credentials and database number', () => {
    expect(redisConnectionFromUrl('redis://user:p%40ss@cache.internal:6380/2')).toEqual({
      host: 'cache.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
    });
    expect(redisConnectionFromUrl('redis://localhost')).toMatchObject({ port: 6379, db: 0, password: undefined });
  });
});
