import Redis from 'ioredis';
import { eventJobOptions } from './messaging-settings';
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
    expect(() => parseEnvironment(schema, { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32) })).toThrow(
      /EVENT_SIGNING_KEYS: the key of registry is the public development key/,
    );
    expect(() =>
      parseEnvironment(schema, {
        NODE_ENV: 'production',
        JWT_SECRET: 'j'.repeat(32),
        EVENT_SIGNING_KEYS: `${strong},dissolution=short`,
      }),
    ).toThrow(/the key of dissolution is shorter than 32 characters/);
    expect(
      parseEnvironment(schema, { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32), EVENT_SIGNING_KEYS: strong })
        .NODE_ENV,
    ).toBe('production');
  });
});

describe('production secrets', () => {
  const strongSigningKeys = ['registry', 'mentoring', 'dissolution']
    .map((service) => `${service}=${'s'.repeat(32)}`)
    .join(',');
  const production = (env: Record<string, string>) => () =>
    parseEnvironment(schema, { NODE_ENV: 'production', EVENT_SIGNING_KEYS: strongSigningKeys, ...env });

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

describe('messaging settings', () => {
  const strongSigningKeys = ['registry', 'mentoring', 'dissolution']
    .map((service) => `${service}=${'s'.repeat(32)}`)
    .join(',');
  const production = (env: Record<string, string>) =>
    parseEnvironment(schema, {
      NODE_ENV: 'production',
      JWT_SECRET: 'j'.repeat(32),
      EVENT_SIGNING_KEYS: strongSigningKeys,
      ...env,
    });

  it('defaults to a retry budget of about 8.5 minutes and a three-minute claim lease', () => {
    const config = parseEnvironment(schema, {});
    expect(config).toMatchObject({
      INBOX_RETRY_ATTEMPTS: 11,
      INBOX_RETRY_BACKOFF_MS: 500,
      OUTBOX_CLAIM_LEASE_MS: 180_000,
    });
    expect(eventJobOptions(config)).toMatchObject({ attempts: 11, backoff: { type: 'exponential', delay: 500 } });
  });

  it('refuses in production a retry budget that a five-minute PostgreSQL outage would use up', () => {
    expect(() => production({ INBOX_RETRY_ATTEMPTS: '9' })).toThrow(
      /INBOX_RETRY_ATTEMPTS, INBOX_RETRY_BACKOFF_MS: retry for 128 s in all; must be over 300 s/,
    );
    expect(production({ INBOX_RETRY_ATTEMPTS: '9', INBOX_RETRY_BACKOFF_MS: '2000' }).INBOX_RETRY_ATTEMPTS).toBe(9);
    // Outside production a test may shorten it.
    expect(parseEnvironment(schema, { INBOX_RETRY_ATTEMPTS: '3' }).INBOX_RETRY_ATTEMPTS).toBe(3);
  });

  it('refuses a claim lease no longer than the epoch check and the publish together', () => {
    expect(() => parseEnvironment(schema, { OUTBOX_CLAIM_LEASE_MS: '10000' })).toThrow(
      /OUTBOX_CLAIM_LEASE_MS: must be longer than twice REDIS_COMMAND_TIMEOUT_MS \(10000 ms\)/,
    );
    expect(parseEnvironment(schema, { OUTBOX_CLAIM_LEASE_MS: '10001' }).OUTBOX_CLAIM_LEASE_MS).toBe(10_001);
  });

  it('marks published rows 100 ms after their publish by default, and refuses a delay over a tenth of the claim lease', () => {
    expect(parseEnvironment(schema, {}).OUTBOX_MARK_DELAY_MS).toBe(100);
    expect(parseEnvironment(schema, { OUTBOX_MARK_DELAY_MS: '0' }).OUTBOX_MARK_DELAY_MS).toBe(0);
    expect(() => parseEnvironment(schema, { OUTBOX_MARK_DELAY_MS: '18001' })).toThrow(
      /OUTBOX_MARK_DELAY_MS: must be at most a tenth of OUTBOX_CLAIM_LEASE_MS \(18000 ms\)/,
    );
    expect(parseEnvironment(schema, { OUTBOX_MARK_DELAY_MS: '18000' }).OUTBOX_MARK_DELAY_MS).toBe(18_000);
  });

  it('sends up to 100 events to a queue as one job by default, from 1 (each alone) to 1000', () => {
    expect(parseEnvironment(schema, {}).OUTBOX_BATCH_MAX_EVENTS).toBe(100);
    expect(parseEnvironment(schema, { OUTBOX_BATCH_MAX_EVENTS: '1' }).OUTBOX_BATCH_MAX_EVENTS).toBe(1);
    for (const value of ['0', '1001', 'many'])
      expect(() => parseEnvironment(schema, { OUTBOX_BATCH_MAX_EVENTS: value })).toThrow(/OUTBOX_BATCH_MAX_EVENTS/);
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
