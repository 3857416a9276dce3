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
