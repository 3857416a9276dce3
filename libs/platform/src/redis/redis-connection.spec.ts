import { Cluster, Redis } from 'ioredis';
import { queueKeyPrefix } from '@koperasi/contracts';
import { baseEnvSchema, InvalidEnvironmentError, parseEnvironment } from '../config/service-config';
import { bullQueueOptions, createRedisClient, workerConnection } from './redis-connection';

const schema = baseEnvSchema.extend({ PORT: baseEnvSchema.shape.PORT.default(3001) });
const lazy = { lazyConnect: true };

describe('Redis settings', () => {
  it('stays on a standalone Redis from REDIS_URL unless cluster nodes are set', () => {
    const env = parseEnvironment(schema, {});
    expect(env.REDIS_CLUSTER_NODES).toBeUndefined();
    const client = createRedisClient(env, lazy);
    expect(client).toBeInstanceOf(Redis);
    client.disconnect();
    expect(workerConnection(env)).toEqual({ url: 'redis://localhost:6379', maxRetriesPerRequest: null });
  });

  it('reads the cluster nodes, with rediss:// turning TLS on', () => {
    const env = parseEnvironment(schema, {
      REDIS_CLUSTER_NODES: 'redis-a.internal:7000, rediss://10.0.0.2:7001,[::1]:7002',
    });
    expect(env.REDIS_CLUSTER_NODES).toEqual([
      { host: 'redis-a.internal', port: 7000, tls: false },
      { host: '10.0.0.2', port: 7001, tls: true },
      { host: '::1', port: 7002, tls: false },
    ]);
  });

  it('refuses a node list it cannot read, naming the bad entries', () => {
    expect(() => parseEnvironment(schema, { REDIS_CLUSTER_NODES: 'redis-a:7000,redis-b' })).toThrow(
      /REDIS_CLUSTER_NODES: must be host:port\[,host:port\.\.\.\]; not a node: redis-b/,
    );
    expect(() => parseEnvironment(schema, { REDIS_CLUSTER_NODES: ',' })).toThrow(InvalidEnvironmentError);
    expect(() => parseEnvironment(schema, { REDIS_CLUSTER_NODES: 'redis-a:70000' })).toThrow(/not a node/);
  });

  it('builds cluster clients with the credentials and TLS for every node', () => {
    const env = parseEnvironment(schema, {
      REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:7001',
      REDIS_USERNAME: 'koperasi',
      REDIS_PASSWORD: 'secret-password',
      REDIS_TLS: 'true',
    });
    const client = createRedisClient(env, lazy, lazy) as Cluster;
    expect(client).toBeInstanceOf(Cluster);
    expect(client.options.redisOptions).toMatchObject({
      username: 'koperasi',
      password: 'secret-password',
      tls: {},
    });
    client.disconnect();
    const worker = workerConnection(env) as Cluster;
    // BullMQ refuses a blocking connection that retries commands.
    expect(worker.options.redisOptions?.maxRetriesPerRequest).toBeNull();
    worker.disconnect();
  });

  it('lets REDIS_URL keep its own password and fills in REDIS_PASSWORD where it has none', () => {
    const withOwn = createRedisClient(
      parseEnvironment(schema, { REDIS_URL: 'redis://:from-url@localhost:6379', REDIS_PASSWORD: 'from-setting' }),
      lazy,
    ) as Redis;
    expect(withOwn.options.password).toBe('from-url');
    withOwn.disconnect();
    const without = createRedisClient(parseEnvironment(schema, { REDIS_PASSWORD: 'from-setting' }), lazy) as Redis;
    expect(without.options.password).toBe('from-setting');
    without.disconnect();
  });

  it('refuses a queue prefix with braces: the platform puts a hash tag around each queue', () => {
    expect(() => parseEnvironment(schema, { QUEUE_PREFIX: '{koperasi}' })).toThrow(/QUEUE_PREFIX/);
  });
});

describe('queue key layout', () => {
  it('gives each queue a hash tag of its own under the prefix', () => {
    expect(queueKeyPrefix('koperasi', 'registry-inbox')).toBe('koperasi:{registry-inbox}');
    const env = parseEnvironment(schema, { QUEUE_PREFIX: 'test-1' });
    expect(bullQueueOptions(env, 'mentoring-inbox')).toMatchObject({
      prefix: 'test-1:{mentoring-inbox}',
      connection: { url: 'redis://localhost:6379', maxRetriesPerRequest: null },
      forceDisconnectOnShutdown: false,
    });
  });
});
