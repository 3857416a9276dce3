import Redis from 'ioredis';
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

describe('EVENT_SIGNING_KEYS', () => {
  const strong = 'registry=k7Qm2vX9pL4sT8wZ1nB6cR3yH5jD0fGa,mentoring=Vb8Nq3Lz6Ws1Xe9Rt4Yu7Io2Pa5Sd0Fg';

  it('reads service=key pairs, with development keys by default', () => {
    expect(parseEnvironment(schema, { EVENT_SIGNING_KEYS: strong }).EVENT_SIGNING_KEYS).toEqual({
      registry: 'k7Qm2vX9pL4sT8wZ1nB6cR3yH5jD0fGa',
      mentoring: 'Vb8Nq3Lz6Ws1Xe9Rt4Yu7Io2Pa5Sd0Fg',
    });
    expect(Object.keys(parseEnvironment(schema, {}).EVENT_SIGNING_KEYS)).toEqual(
      expect.arrayContaining(['registry', 'mentoring', 'dissolution']),
    );
    expect(() => parseEnvironment(schema, { EVENT_SIGNING_KEYS: 'registry' })).toThrow(/EVENT_SIGNING_KEYS/);
  });

  it('refuses to boot in production with the development keys or a short key', () => {
    expect(() => parseEnvironment(schema, { NODE_ENV: 'production' })).toThrow(
      /EVENT_SIGNING_KEYS: the key of registry is the public development key/,
    );
    expect(() =>
      parseEnvironment(schema, { NODE_ENV: 'production', EVENT_SIGNING_KEYS: `${strong},dissolution=short` }),
    ).toThrow(/the key of dissolution is shorter than 32 characters/);
    expect(parseEnvironment(schema, { NODE_ENV: 'production', EVENT_SIGNING_KEYS: strong }).NODE_ENV).toBe(
      'production',
    );
  });
});

describe('redisConnectionFromUrl', () => {
  // What BullMQ does with a `url` connection option: new IORedis(url, rest).
  const ioredisOptions = (url: string) => {
    const { url: whole, ...rest } = redisConnectionFromUrl(url);
    const client = new Redis(whole, { ...rest, lazyConnect: true });
    client.disconnect();
    return client.options;
  };

  it('hands the whole URL to ioredis: TLS with rediss://, credentials, database number and options', () => {
    expect(ioredisOptions('rediss://user:p%40ss@cache.internal:6380/2?family=6')).toMatchObject({
      host: 'cache.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      family: 6,
      tls: expect.anything(),
    });
    const plain = ioredisOptions('redis://localhost');
    expect(plain).toMatchObject({ host: 'localhost', port: 6379, db: 0 });
    expect(plain.tls).toBeUndefined();
  });
});
