import type { RegisterQueueOptions } from '@nestjs/bullmq';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import { queueKeyPrefix } from '@koperasi/contracts';
import { eventJobOptions } from '../config/messaging-settings';
import type { BaseEnv } from '../config/service-config';
import { redisConnectionFromUrl } from '../config/service-config';

/** A standalone Redis or a Redis Cluster, as REDIS_URL or REDIS_CLUSTER_NODES say. */
export type RedisClient = Redis | Cluster;

export type RedisSettings = Pick<
  BaseEnv,
  'REDIS_URL' | 'REDIS_CLUSTER_NODES' | 'REDIS_USERNAME' | 'REDIS_PASSWORD' | 'REDIS_TLS'
>;

export const usesRedisCluster = (env: Pick<BaseEnv, 'REDIS_CLUSTER_NODES'>): boolean =>
  env.REDIS_CLUSTER_NODES !== undefined;

/** Credentials and TLS from the settings; on a standalone Redis what REDIS_URL says wins. */
function serverOptions(env: RedisSettings): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const tls = env.REDIS_TLS || (env.REDIS_CLUSTER_NODES ?? []).some((node) => node.tls);
  return {
    ...(env.REDIS_USERNAME !== undefined && { username: env.REDIS_USERNAME }),
    ...(env.REDIS_PASSWORD !== undefined && { password: env.REDIS_PASSWORD }),
    ...(tls && { tls: {} }),
  };
}

/**
 * A client of the configured Redis. On a cluster, `options` apply to the connection of each node
 * and `clusterOptions` to the cluster client; with TLS the nodes keep the names they were given,
 * which their certificates carry, instead of resolved addresses.
 */
export function createRedisClient(
  env: RedisSettings,
  options: RedisOptions = {},
  clusterOptions: ClusterOptions = {},
): RedisClient {
  const server = serverOptions(env);
  if (!env.REDIS_CLUSTER_NODES) return new Redis(env.REDIS_URL, { ...server, ...options });
  return new Cluster(
    env.REDIS_CLUSTER_NODES.map(({ host, port }) => ({ host, port })),
    {
      redisOptions: { ...server, ...options },
      ...(server.tls && { dnsLookup: (address, lookedUp) => lookedUp(null, address) }),
      ...clusterOptions,
    },
  );
}

/**
 * Workers block on Redis and wait through an outage (BullMQ requires maxRetriesPerRequest: null).
 * For a standalone Redis these are options, and BullMQ opens and closes its own connections; a
 * cluster client has to be an instance (BullMQ takes no cluster options), one per queue, which
 * `bullQueueOptions` has @nestjs/bullmq disconnect at shutdown after the queue's workers closed.
 */
export function workerConnection(env: RedisSettings) {
  if (usesRedisCluster(env)) return createRedisClient(env, { maxRetriesPerRequest: null });
  return { ...redisConnectionFromUrl(env.REDIS_URL), ...serverOptions(env), maxRetriesPerRequest: null };
}

/** The registration of one queue (and so of its workers): its connection, its key prefix, the retry budget. */
export function bullQueueOptions(env: BaseEnv, name: string): RegisterQueueOptions {
  return {
    connection: workerConnection(env),
    prefix: queueKeyPrefix(env.QUEUE_PREFIX, name),
    defaultJobOptions: eventJobOptions(env),
    forceDisconnectOnShutdown: usesRedisCluster(env),
  };
}

/**
 * Producers (the platform's client, shared by the queues the relay and the timers add to) fail fast while
 * Redis is away: no offline queue, one attempt, a command timeout. Their callers keep the work in
 * PostgreSQL (outbox, deadlines) and try again later.
 */
export function producerOptions(env: BaseEnv): RedisOptions {
  return { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: env.REDIS_COMMAND_TIMEOUT_MS };
}

/** The producers' client: on a cluster the cluster client itself has no offline queue either. */
export function createProducerClient(env: BaseEnv): RedisClient {
  return createRedisClient(env, producerOptions(env), { enableOfflineQueue: false });
}
