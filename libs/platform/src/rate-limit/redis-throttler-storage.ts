import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { createRedisClient, type RedisClient } from '../redis/redis-connection';
import type { ServiceIdentity } from '../service-identity';

/**
 * One fixed window per key: count the hit, start the window on the first one, and block the key
 * for the block duration once the count passes the limit. Both keys share a `{hash tag}` of the
 * caller's key, so on a Redis Cluster they are in one slot while callers spread over the slots.
 * Returns hits, ms left in the window, 1 when blocked, ms left of the block.
 */
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or ARGV[2]) + 1, math.max(redis.call('PTTL', KEYS[1]), 0), 1, blocked }
end
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return { hits, ttl, 1, tonumber(ARGV[3]) }
end
return { hits, ttl, 0, 0 }
`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const seconds = (ms: number) => Math.ceil(ms / 1000);

/**
 * Rate-limit counters in Redis, shared by every replica of the service. When Redis cannot answer
 * the request is let through: a limiter must not turn a Redis outage into an outage of the reads.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: RedisClient;
  private readonly prefix: string;
  private failing = false;

  constructor(@Inject(SERVICE_CONFIG) env: BaseEnv, @Inject(SERVICE_IDENTITY) identity: ServiceIdentity) {
    // No offline queue and one short try: a request never waits for Redis to come back.
    this.redis = createRedisClient(
      env,
      { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1_000, lazyConnect: false },
      { enableOfflineQueue: false },
    );
    this.redis.on('error', () => undefined); // reported once per outage by increment()
    this.redis.defineCommand('throttleIncrement', { numberOfKeys: 2, lua: INCREMENT });
    this.prefix = `${env.QUEUE_PREFIX}:rate-limit:${identity.name}:`;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}{${throttlerName}:${key}}`;
    try {
      const [totalHits, windowMs, blocked, blockMs] = (await (
        this.redis as RedisClient & { throttleIncrement(...args: (string | number)[]): Promise<number[]> }
      ).throttleIncrement(`${base}:hits`, `${base}:blocked`, ttl, limit, blockDuration)) as number[];
      this.failing = false;
      return {
        totalHits,
        timeToExpire: seconds(windowMs),
        isBlocked: blocked === 1,
        timeToBlockExpire: seconds(blockMs),
      };
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error }, 'Rate limits unavailable (Redis); letting requests through');
      this.failing = true;
      return { totalHits: 0, timeToExpire: seconds(ttl), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
