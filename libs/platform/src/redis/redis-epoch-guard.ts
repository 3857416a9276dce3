import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import type { ServiceIdentity } from '../service-identity';
import { PlatformRedis } from './platform-redis';

/**
 * KEYS[1] the epoch hash, ARGV[1] the server's run_id, ARGV[2] a fresh id. Keeps the epoch when
 * this server wrote it; otherwise (missing, or written by a server before a restart or failover,
 * whose last writes may be lost) replaces it.
 */
const RENEW_EPOCH = `
if redis.call('HGET', KEYS[1], 'runId') == ARGV[1] then return redis.call('HGET', KEYS[1], 'id') end
redis.call('HSET', KEYS[1], 'id', ARGV[2], 'runId', ARGV[1])
return ARGV[2]`;

export interface EpochCheck {
  /** The epoch this service has confirmed: rows marked published under it are in this Redis. */
  epoch: string;
  /** Outbox rows set back to unpublished because Redis lost its data. */
  replayed: number;
}

/**
 * Notices that Redis lost its data. The platform keeps a random epoch under the queue prefix,
 * with the run_id of the Redis server that wrote it, and each service remembers in PostgreSQL the
 * epoch it last confirmed. A missing key (FLUSHALL, a Redis restarted without persistence) or one
 * written by another server process (a restart, whose last writes may not have reached the AOF; a
 * failover to a replica that may lag) gets a new epoch, and a new epoch means the jobs published
 * before may be gone: every outbox row still kept as published is set back to unpublished, and
 * the relay sends it again (consumers drop what they already applied).
 */
@Injectable()
export class RedisEpochGuard {
  private readonly logger = new Logger(RedisEpochGuard.name);
  private confirmed: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: PlatformRedis,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  get key(): string {
    return `${this.config.QUEUE_PREFIX}:redis-epoch`;
  }

  /** Reads the epoch in Redis (writing a new one when missing or the server changed) and replays the outbox when it changed. */
  async check(): Promise<EpochCheck> {
    const [[id, writtenBy], runId] = await Promise.all([
      this.redis.run((client) => client.hmget(this.key, 'id', 'runId')),
      this.redis.serverRunId(),
    ]);
    if (id !== null && writtenBy === runId && id === this.confirmed) return { epoch: id, replayed: 0 };
    const epoch = id !== null && writtenBy === runId ? id : await this.renew(runId);
    const result = await this.confirm(epoch);
    this.confirmed = result.epoch;
    return result;
  }

  /**
   * The epoch this service has confirmed, read in the transaction that marks rows published. The
   * shared lock makes a replay (which takes the row for update) wait for that transaction, or the
   * transaction see the new epoch: rows are never marked published under an epoch already replaced.
   */
  async lockedEpoch(manager: EntityManager): Promise<string | null> {
    const [row] = await manager.query(`SELECT epoch FROM redis_epochs WHERE prefix = $1 FOR SHARE`, [
      this.config.QUEUE_PREFIX,
    ]);
    return row?.epoch ?? null;
  }

  /**
   * Writes a new epoch unless another process already did for this server (compare and set in one
   * script), and answers the epoch now in Redis.
   */
  private renew(runId: string): Promise<string> {
    return this.redis.run((client) => client.eval(RENEW_EPOCH, 1, this.key, runId, randomUUID()) as Promise<string>);
  }

  private confirm(epoch: string): Promise<EpochCheck> {
    const prefix = this.config.QUEUE_PREFIX;
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO redis_epochs (prefix, epoch) VALUES ($1, $2) ON CONFLICT (prefix) DO NOTHING`, [
        prefix,
        epoch,
      ]);
      const [stored]: { epoch: string; previous_epoch: string | null }[] = await manager.query(
        `SELECT epoch, previous_epoch FROM redis_epochs WHERE prefix = $1 FOR UPDATE`,
        [prefix],
      );
      // The same epoch, or the one before it read just before another replica replaced it: nothing lost since.
      if (stored.epoch === epoch || stored.previous_epoch === epoch) return { epoch: stored.epoch, replayed: 0 };
      const [{ replayed }]: { replayed: number }[] = await manager.query(
        `WITH replayed AS (
           UPDATE outbox SET published_at = NULL, claimed_until = NULL WHERE published_at IS NOT NULL RETURNING 1
         ) SELECT count(*)::int AS replayed FROM replayed`,
      );
      await manager.query(
        `UPDATE redis_epochs SET epoch = $2, previous_epoch = epoch, changed_at = now() WHERE prefix = $1`,
        [prefix, epoch],
      );
      this.logger.error(
        {
          alert: 'REDIS_DATA_LOST',
          service: this.identity.name,
          prefix,
          previousEpoch: stored.epoch,
          epoch,
          replayed,
        },
        `Redis lost its data (epoch ${stored.epoch} is gone): re-publishing ${replayed} outbox events`,
      );
      return { epoch, replayed };
    });
  }
}
