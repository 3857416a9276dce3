import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import type { ServiceIdentity } from '../service-identity';
import { PlatformRedis } from './platform-redis';

export interface EpochCheck {
  /** The epoch this service has confirmed: rows marked published under it are in this Redis. */
  epoch: string;
  /** Outbox rows set back to unpublished because Redis lost its data. */
  replayed: number;
}

/**
 * Notices that Redis lost its data. The platform keeps a random epoch under the queue prefix and
 * each service remembers in PostgreSQL the epoch it last confirmed. A missing key (FLUSHALL, a new
 * or restarted Redis without persistence, a failover to an empty replica) or a different epoch
 * means the jobs published before may be gone: every outbox row still kept as published is set
 * back to unpublished, and the relay sends it again (consumers drop what they already applied).
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

  /** Reads the epoch in Redis (creating it when missing) and replays the outbox when it changed. */
  async check(): Promise<EpochCheck> {
    const current = await this.redis.run((client) => client.get(this.key));
    if (current !== null && current === this.confirmed) return { epoch: current, replayed: 0 };
    const epoch = current ?? (await this.create());
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

  private async create(): Promise<string> {
    await this.redis.run((client) => client.set(this.key, randomUUID(), 'NX'));
    const epoch = await this.redis.run((client) => client.get(this.key));
    if (epoch === null) throw new Error(`Redis lost ${this.key} again right after it was written`);
    return epoch;
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
