import type { RedisOptions } from 'ioredis';
import type { BaseEnv } from '../config/service-config';
import { redisConnectionFromUrl } from '../config/service-config';

/** Workers block on Redis and wait through an outage (BullMQ requires maxRetriesPerRequest: null). */
export function workerConnection(env: BaseEnv) {
  return { ...redisConnectionFromUrl(env.REDIS_URL), maxRetriesPerRequest: null };
}

/**
 * Producers (the platform's client, shared by the queues the relay and the timers add to) fail fast while
 * Redis is away: no offline queue, one attempt, a command timeout. Their callers keep the work in
 * PostgreSQL (outbox, deadlines) and try again later.
 */
export function producerOptions(env: BaseEnv): RedisOptions {
  return { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: env.REDIS_COMMAND_TIMEOUT_MS };
}
