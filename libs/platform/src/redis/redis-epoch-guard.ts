import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONTROL_QUEUES, INBOX_QUEUES, queueKeyPrefix } from '@koperasi/contracts';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import type { ServiceIdentity } from '../service-identity';
import { PlatformRedis } from './platform-redis';
import type { RedisClient } from './redis-connection';

/**
 * KEYS[1] an epoch hash, ARGV[1] a fresh id. Keeps the epoch when the server running the script
 * wrote it; otherwise (missing, or written by a server before a restart or failover, whose last
 * writes may be lost) replaces it. Answers the epoch and 1 when it replaced it. The run_id comes
 * from the same server in the same atomic step, so on a cluster it is the master of the key's slot.
 */
const RENEW_EPOCH = `
local runId = string.match(redis.call('INFO', 'server'), 'run_id:(%w+)')
if redis.call('HGET', KEYS[1], 'runId') == runId then return { redis.call('HGET', KEYS[1], 'id'), 0 } end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'runId', runId)
return { ARGV[1], 1 }`;

type EpochClient = RedisClient & { renewEpoch(key: string, id: string): Promise<[string, number]> };

/** The queues outbox rows are published to: the inboxes, and the control queues of republish requests. */
const PUBLISHED_QUEUES = [...Object.values(INBOX_QUEUES), ...Object.values(CONTROL_QUEUES)].sort();

export interface EpochCheck {
  /** The epoch this service has confirmed: rows marked published under it are in this Redis. */
  epoch: string;
  /** Outbox rows set back to unpublished because Redis lost its data. */
  replayed: number;
}

/**
 * Notices that Redis lost its data. The platform keeps a random epoch in each queue the outbox
 * publishes to (under the queue's hash tag, so on a Redis Cluster it lives on the master that holds
 * the queue), with the run_id of the server that wrote it; the service's epoch is the digest of
 * them all, and each service remembers in PostgreSQL the one it last confirmed. A missing key
 * (FLUSHALL, a Redis or a master restarted without persistence) or one written by another server
 * process (a restart, whose last writes may not have reached the AOF; a failover to a replica that
 * may lag) gets a new epoch, and a new epoch of any queue means the jobs published before may be
 * gone: every outbox row still kept as published is set back to unpublished, and the relay sends
 * it again (consumers drop what they already applied; the queues that lost nothing drop it by job id).
 */
@Injectable()
export class RedisEpochGuard {
  private readonly logger = new Logger(RedisEpochGuard.name);
  private confirmed: string | null = null;
  /** When the Redis read behind `confirmed` started (ms since the epoch); 0 when it must be read again. */
  private confirmedSince = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: PlatformRedis,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {
    this.redis.client.defineCommand('renewEpoch', { numberOfKeys: 1, lua: RENEW_EPOCH });
  }

  /** The epoch key of each queue the outbox publishes to. */
  get keys(): string[] {
    return PUBLISHED_QUEUES.map((queue) => `${queueKeyPrefix(this.config.QUEUE_PREFIX, queue)}:redis-epoch`);
  }

  /** Reads the epochs in Redis (writing a new one where missing or the server changed) and replays the outbox when they changed. */
  async check(): Promise<EpochCheck> {
    const startedAt = Date.now();
    const answers = await this.redis.run((client) =>
      Promise.all(this.keys.map((key) => (client as EpochClient).renewEpoch(key, randomUUID()))),
    );
    const epoch = createHash('sha256')
      .update(answers.map(([id], index) => `${PUBLISHED_QUEUES[index]}=${id}`).join('\n'))
      .digest('hex');
    const result =
      epoch === this.confirmed
        ? { epoch, replayed: 0 }
        : await this.confirm(
            epoch,
            PUBLISHED_QUEUES.filter((_, index) => answers[index][1] === 1),
          );
    this.confirmed = result.epoch;
    this.confirmedSince = startedAt;
    return result;
  }

  /**
   * The epoch confirmed less than `maxAgeMs` ago, or a fresh check. Publishing under an epoch a
   * moment old loses nothing: rows marked published under it are replayed, with every other
   * published row, when a later check finds Redis lost its data.
   */
  recent(maxAgeMs: number): Promise<EpochCheck> {
    if (this.confirmed && Date.now() - this.confirmedSince < maxAgeMs)
      return Promise.resolve({ epoch: this.confirmed, replayed: 0 });
    return this.check();
  }

  /** The next `recent` reads Redis again (the stored epoch was found to have moved on). */
  forget(): void {
    this.confirmedSince = 0;
  }

  /**
   * The epoch this service has confirmed, as a subquery of the statement that marks rows published
   * (`prefix` is its parameter for QUEUE_PREFIX). Its shared lock, held until that statement
   * commits, makes a replay (which takes the row for update) wait for it, or the statement see the
   * new epoch: rows are never marked published under an epoch already replaced.
   */
  lockedEpochQuery(prefix: string): string {
    return `SELECT epoch FROM redis_epochs WHERE prefix = ${prefix} FOR SHARE`;
  }

  private confirm(epoch: string, renewed: string[]): Promise<EpochCheck> {
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
          renewedQueues: renewed,
          replayed,
        },
        `Redis lost its data (epoch ${stored.epoch} is gone): re-publishing ${replayed} outbox events`,
      );
      return { epoch, replayed };
    });
  }
}
