import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventEnvelope, RoutingTable } from '@koperasi/contracts';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { RedisEpochGuard } from '../redis/redis-epoch-guard';
import { withTimeout } from '../common/with-timeout';
import { PeriodicTasks } from '../scheduling/periodic-tasks';
import type { ServiceIdentity } from '../service-identity';
import {
  EVENT_BATCH_MAX_BYTES,
  OUTBOX_RELAY_BATCH_SIZE,
  RELAY_EPOCH_REUSE_MS,
  UNROUTABLE_REPORT_INTERVAL_MS,
} from './messaging.constants';
import { signEnvelope } from './envelope-signature';
import { EVENT_BATCH_JOB, eventBatchJobId, type EventBatch } from './event-batch';
import { QueueDirectory } from './queue-directory';
import { ROUTING_TABLE } from './routing.token';
import { UnroutableEventsError } from './unroutable-events.error';

interface OutboxRow {
  id: string;
  type: string;
  envelope: EventEnvelope;
  /** The envelope's size as JSON text. */
  bytes: number;
}

/**
 * Moves committed outbox rows to their routed queues. Woken right after each commit; a poller is
 * the safety net. The rows a queue gets from one claim go in outbox order, up to
 * OUTBOX_BATCH_MAX_EVENTS of them per job (EVENT_BATCH_JOB); a row that is alone stays a job of
 * its own, so a quiet system sends each event at once, as it commits. It never holds a PostgreSQL
 * transaction while it talks to Redis: it claims rows for a lease (a short transaction, FOR UPDATE
 * SKIP LOCKED so every replica can run a relay), checks the Redis epoch (at most once a second
 * while it keeps publishing) and publishes, then marks the rows published in another short
 * transaction. A crash in between leaves the claim to run out and the rows to be sent again, with
 * the event id (for a batch, one made of its event ids) as job id, so BullMQ or the inbox drops
 * the repeat. Rows of an event type this version has no route for
 * stay unpublished and are reported, never marked published.
 */
@Injectable()
export class OutboxRelay implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly knownTypes: string[];
  private draining: Promise<void> | null = null;
  private again = false;
  private poller?: NodeJS.Timeout;
  private reporter?: NodeJS.Timeout;
  private unroutableCounts: Record<string, number> = {};

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueDirectory,
    private readonly epochs: RedisEpochGuard,
    private readonly periodic: PeriodicTasks,
    @Inject(ROUTING_TABLE) private readonly routing: RoutingTable,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {
    this.knownTypes = Object.keys(routing);
  }

  /** Refuses to start when the outbox holds events this version cannot route (a rollback past their producer). */
  async onModuleInit(): Promise<void> {
    const unroutable = await this.countUnroutable();
    if (Object.keys(unroutable).length > 0) throw new UnroutableEventsError(this.identity.name, unroutable);
  }

  onApplicationBootstrap(): void {
    this.poller = setInterval(() => this.wake(), this.config.OUTBOX_POLL_INTERVAL_MS);
    this.reporter = setInterval(() => void this.reportUnroutable(), UNROUTABLE_REPORT_INTERVAL_MS);
    this.periodic.schedule('redis-epoch-check', this.config.REDIS_EPOCH_CHECK_INTERVAL_MS, async () => {
      if ((await this.epochs.check()).replayed > 0) this.wake();
    });
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.poller);
    clearInterval(this.reporter);
    await this.draining;
  }

  wake(): void {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => (this.draining = null));
  }

  /** Publishes until nothing is left; resolves when the outbox was empty at least once. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
    await (this.draining = this.drain().finally(() => (this.draining = null)));
  }

  /** Unpublished events per type that this version has no route for (as last counted). */
  unroutable(): Record<string, number> {
    return this.unroutableCounts;
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        while ((await this.relayBatch()) === OUTBOX_RELAY_BATCH_SIZE);
      } while (this.again);
    } catch (error) {
      this.logger.warn({ err: error }, 'Outbox relay failed; the poller will retry');
    }
  }

  async relayBatch(): Promise<number> {
    const rows = await this.claim();
    if (rows.length === 0) return 0;
    const ids = rows.map((row) => row.id);
    try {
      const { epoch, replayed } = await this.epochs.recent(RELAY_EPOCH_REUSE_MS);
      if (replayed > 0) this.again = true;
      await withTimeout(this.publish(rows), this.config.REDIS_COMMAND_TIMEOUT_MS, 'Redis did not take the events');
      await this.markPublished(ids, epoch);
    } catch (error) {
      await this.release(ids).catch(() => undefined);
      throw error;
    }
    return rows.length;
  }

  /** Claims the oldest routable unpublished rows for a lease, in a transaction of its own. */
  private async claim(): Promise<OutboxRow[]> {
    return this.dataSource.query(
      `WITH claimed AS (
         UPDATE outbox SET claimed_until = now() + $3 * interval '1 millisecond'
         WHERE id IN (
           SELECT id FROM outbox
           WHERE published_at IS NULL AND type = ANY($1::varchar[]) AND (claimed_until IS NULL OR claimed_until < now())
           ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING id, type, envelope, octet_length(envelope::text) AS bytes)
       SELECT * FROM claimed ORDER BY id`,
      [this.knownTypes, OUTBOX_RELAY_BATCH_SIZE, this.config.OUTBOX_CLAIM_LEASE_MS],
    );
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const byQueue = new Map<string, OutboxRow[]>();
    // Signed once, whatever the number of queues it goes to.
    const signed = rows.map((row) => ({
      ...row,
      envelope: signEnvelope(row.envelope, this.config.EVENT_SIGNING_KEYS),
    }));
    for (const row of signed) {
      for (const queue of this.routing[row.type as keyof RoutingTable]) {
        const queued = byQueue.get(queue) ?? [];
        queued.push(row);
        byQueue.set(queue, queued);
      }
    }
    await Promise.all(
      [...byQueue].map(([queue, queued]) =>
        this.queues.get(queue).addBulk(this.batchesOf(queued).map((batch) => this.jobOf(batch))),
      ),
    );
  }

  /** Consecutive rows, in order, up to OUTBOX_BATCH_MAX_EVENTS and EVENT_BATCH_MAX_BYTES each. */
  private batchesOf(rows: OutboxRow[]): OutboxRow[][] {
    const batches: OutboxRow[][] = [];
    let bytes = 0;
    for (const row of rows) {
      const last = batches.at(-1);
      if (last && last.length < this.config.OUTBOX_BATCH_MAX_EVENTS && bytes + row.bytes <= EVENT_BATCH_MAX_BYTES) {
        last.push(row);
        bytes += row.bytes;
      } else {
        batches.push([row]);
        bytes = row.bytes;
      }
    }
    return batches;
  }

  /**
   * The one place signed outbox rows become a BullMQ job. One row: name = event type, data = its
   * envelope, id = event id. More: name = EVENT_BATCH_JOB, data = their envelopes in order, id =
   * made of their event ids.
   */
  private jobOf(rows: OutboxRow[]) {
    const envelopes = rows.map((row) => row.envelope);
    if (envelopes.length === 1)
      return { name: rows[0].type, data: envelopes[0], opts: { jobId: envelopes[0].eventId } };
    const batch: EventBatch = { events: envelopes };
    return {
      name: EVENT_BATCH_JOB,
      data: batch,
      opts: { jobId: eventBatchJobId(envelopes.map((envelope) => envelope.eventId)) },
    };
  }

  /**
   * Marks the rows published, unless Redis was found to have lost its data since they were
   * published under `epoch`: then they are released to be sent again, under an epoch read afresh.
   */
  async markPublished(ids: string[], epoch: string): Promise<void> {
    const [{ refused }]: { refused: number }[] = await this.dataSource.query(
      `WITH released AS (
         UPDATE outbox SET claimed_until = NULL,
           published_at = CASE WHEN (${this.epochs.lockedEpochQuery('$3')}) = $2 THEN now() ELSE published_at END
         WHERE id = ANY($1::bigint[])
         RETURNING published_at)
       SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS refused FROM released`,
      [ids, epoch, this.config.QUEUE_PREFIX],
    );
    if (refused > 0) {
      this.epochs.forget();
      this.again = true;
    }
  }

  private async release(ids: string[]): Promise<void> {
    await this.dataSource.query('UPDATE outbox SET claimed_until = NULL WHERE id = ANY($1::bigint[])', [ids]);
  }

  private async countUnroutable(): Promise<Record<string, number>> {
    const rows: { type: string; count: number }[] = await this.dataSource.query(
      `SELECT type, count(*)::int AS count FROM outbox
       WHERE published_at IS NULL AND NOT (type = ANY($1::varchar[])) GROUP BY type ORDER BY type`,
      [this.knownTypes],
    );
    return Object.fromEntries(rows.map((row) => [row.type, row.count]));
  }

  /** Logs the events this version cannot route; they wait for a replica that can. */
  async reportUnroutable(): Promise<Record<string, number>> {
    try {
      this.unroutableCounts = await this.countUnroutable();
      const total = Object.values(this.unroutableCounts).reduce((sum, count) => sum + count, 0);
      if (total > 0) {
        this.logger.warn(
          { alert: 'OUTBOX_UNROUTABLE', unroutable: this.unroutableCounts, total },
          `${total} outbox events have a type this version has no route for; they stay unpublished`,
        );
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not count unroutable outbox events');
    }
    return this.unroutableCounts;
  }
}
