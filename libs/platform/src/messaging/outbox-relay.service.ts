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

/** An outbox row on its way to the queues. */
export interface OutboxRow {
  id: string;
  type: string;
  envelope: EventEnvelope;
  /** The envelope's size as JSON text. */
  bytes: number;
}

/** The outbox rows a transaction wrote: those it claimed for this process's relay, and how many it left to a claim. */
export interface CommittedOutbox {
  claimed: OutboxRow[];
  unclaimed: number;
}

/** What a transaction may claim of the outbox rows it writes: for how long, how many, and of which types. */
export interface OutboxClaim {
  leaseMs: number;
  maxRows: number;
  types: ReadonlySet<string>;
}

/** Work for the relay, in the order it came: rows a committed transaction claimed, or a claim of whatever is due. */
type RelayWork = { claimed: OutboxRow[] } | 'claim';

/** Outbox rows of a routable type ($1) that are neither published nor claimed. */
const DUE_ROWS = `published_at IS NULL AND type = ANY($1::varchar[]) AND (claimed_until IS NULL OR claimed_until < now())`;

/** Rows claimed by committed transactions that may wait in memory for the relay; beyond it, transactions leave theirs to a claim. */
const CLAIMED_ROWS_WAITING_MAX = 5_000;

/**
 * Moves committed outbox rows to their routed queues. A transaction of a few events claims its
 * own rows as it writes them and hands them over at its commit, so they go out with no statement
 * before them; other rows (a large transaction's, a crashed process's) are claimed from the table,
 * right after their commit and by a poller as the safety net. Work is done in the order it came,
 * so one process publishes in commit order. The rows a queue gets from one claim go in outbox order, up to
 * OUTBOX_BATCH_MAX_EVENTS of them per job (EVENT_BATCH_JOB); a row that is alone stays a job of
 * its own, so a quiet system sends each event at once, as it commits. It never holds a PostgreSQL
 * transaction while it talks to Redis: it claims rows for a lease (a short transaction, FOR UPDATE
 * SKIP LOCKED so every replica can run a relay), checks the Redis epoch (at most once a second
 * while it keeps publishing) and publishes, then marks the rows published in another short
 * transaction, OUTBOX_MARK_DELAY_MS later with the rows it published meanwhile (at once when a
 * claim's worth is waiting). A crash in between leaves the claim to run out and the rows to be sent
 * again, with the event id (for a batch, one made of its event ids) as job id, so BullMQ or the
 * inbox drops the repeat. Rows of an event type this version has no route for stay unpublished
 * and are reported, never marked published.
 */
@Injectable()
export class OutboxRelay implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly knownTypes: string[];
  private readonly routedTypes: ReadonlySet<string>;
  private draining: Promise<void> | null = null;
  private readonly work: RelayWork[] = [];
  private claimedWaiting = 0;
  private poller?: NodeJS.Timeout;
  private reporter?: NodeJS.Timeout;
  private unroutableCounts: Record<string, number> = {};
  /** Published rows not yet marked, by the Redis epoch they were published under. */
  private readonly unmarked = new Map<string, string[]>();
  private markTimer?: NodeJS.Timeout;
  private readonly marking = new Set<Promise<void>>();

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
    this.routedTypes = new Set(this.knownTypes);
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
    while (this.draining) await this.draining;
    await this.markUnmarked();
  }

  /** Claims and publishes whatever is due, after the work already queued. */
  wake(): void {
    if (this.work.at(-1) !== 'claim') this.work.push('claim');
    this.startDraining();
  }

  /** What the next transaction may claim of its own outbox rows. */
  claimForTransaction(): OutboxClaim {
    const room = Math.max(0, CLAIMED_ROWS_WAITING_MAX - this.claimedWaiting);
    return {
      leaseMs: this.config.OUTBOX_CLAIM_LEASE_MS,
      maxRows: Math.min(OUTBOX_RELAY_BATCH_SIZE, room),
      types: this.routedTypes,
    };
  }

  /** After a commit: publishes the rows it claimed, and claims the others. */
  committed({ claimed, unclaimed }: CommittedOutbox): void {
    if (claimed.length > 0) {
      this.work.push({ claimed });
      this.claimedWaiting += claimed.length;
    }
    if (unclaimed > 0) this.wake();
    else this.startDraining();
  }

  /** Publishes and marks until nothing is left; resolves when the outbox was empty at least once. */
  async flush(): Promise<void> {
    this.wake();
    while (this.draining) await this.draining;
    await this.markUnmarked();
  }

  private startDraining(): void {
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
      // Work that came while the last loop was ending.
      if (this.work.length > 0) this.startDraining();
    });
  }

  /** Unpublished events per type that this version has no route for (as last counted). */
  unroutable(): Record<string, number> {
    return this.unroutableCounts;
  }

  private async drain(): Promise<void> {
    for (let next = this.work.shift(); next; next = this.work.shift()) {
      try {
        if (next === 'claim') await this.claimDue();
        else await this.relayClaimed(this.withClaimedBehind(next.claimed));
      } catch (error) {
        await this.releaseWaiting();
        this.logger.warn({ err: error }, 'Outbox relay failed; the poller will retry');
        return;
      }
    }
  }

  /**
   * `rows` and those of the claimed work right behind them, up to a claim's size: one publish and
   * one mark for the transactions that committed while the relay was busy.
   */
  private withClaimedBehind(rows: OutboxRow[]): OutboxRow[] {
    const together = [...rows];
    for (let next = this.work[0]; next && next !== 'claim'; next = this.work[0]) {
      if (together.length + next.claimed.length > OUTBOX_RELAY_BATCH_SIZE) break;
      together.push(...next.claimed);
      this.work.shift();
    }
    this.claimedWaiting -= together.length;
    return together;
  }

  /**
   * Claims and publishes the due rows with an id below every row still waiting in memory, so that
   * no cooperative's newer event overtakes an older one waiting there; the newer due rows are
   * claimed once the waiting ones are out.
   */
  private async claimDue(): Promise<void> {
    const below = this.oldestWaitingId();
    while ((await this.relayBatch(below)) === OUTBOX_RELAY_BATCH_SIZE);
    if (below !== null && (await this.anyDueFrom(below))) this.wake();
  }

  /** Claims the oldest due rows (below `below`, when given) and publishes them; answers how many it claimed. */
  private async relayBatch(below: string | null): Promise<number> {
    const rows = await this.claim(below);
    if (rows.length > 0) await this.relayClaimed(rows);
    return rows.length;
  }

  /** Publishes rows claimed for this process, then marks them published; rows it cannot publish it releases. */
  private async relayClaimed(rows: OutboxRow[]): Promise<void> {
    const ids = rows.map((row) => row.id);
    const epoch = await this.publishUnderEpoch(rows).catch(async (error) => {
      await this.release(ids).catch(() => undefined);
      throw error;
    });
    await this.markSoon(ids, epoch);
  }

  /** Publishes rows under a Redis epoch confirmed recently, and answers it. */
  private async publishUnderEpoch(rows: OutboxRow[]): Promise<string> {
    const { epoch, replayed } = await this.epochs.recent(RELAY_EPOCH_REUSE_MS);
    if (replayed > 0) this.wake();
    await withTimeout(this.publish(rows), this.config.REDIS_COMMAND_TIMEOUT_MS, 'Redis did not take the events');
    return epoch;
  }

  /**
   * Marks published rows OUTBOX_MARK_DELAY_MS after the first of them, together. A claim's worth is
   * marked at once, before the relay takes new rows, so no more than that waits unmarked.
   */
  private async markSoon(ids: string[], epoch: string): Promise<void> {
    const waiting = this.unmarked.get(epoch) ?? [];
    waiting.push(...ids);
    this.unmarked.set(epoch, waiting);
    const unmarkedRows = [...this.unmarked.values()].reduce((sum, rows) => sum + rows.length, 0);
    if (unmarkedRows >= OUTBOX_RELAY_BATCH_SIZE || this.config.OUTBOX_MARK_DELAY_MS === 0) await this.markUnmarked();
    else this.markTimer ??= setTimeout(() => void this.markUnmarked(), this.config.OUTBOX_MARK_DELAY_MS);
  }

  /**
   * Marks every published row not yet marked, and waits for the marks already under way. A row
   * whose mark fails is released: the poller sends it again, and BullMQ or the inbox drops the repeat.
   */
  private async markUnmarked(): Promise<void> {
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    const byEpoch = [...this.unmarked];
    this.unmarked.clear();
    for (const [epoch, ids] of byEpoch) {
      const mark = this.markPublished(ids, epoch)
        .catch(async (error) => {
          this.logger.warn({ err: error, events: ids.length }, 'Could not mark published events; they go out again');
          await this.release(ids).catch(() => undefined);
        })
        .finally(() => this.marking.delete(mark));
      this.marking.add(mark);
    }
    await Promise.all(this.marking);
  }

  /** After a failure, the rows committed transactions handed over go back to the table, for the poller to claim. */
  private async releaseWaiting(): Promise<void> {
    const waiting = this.work.flatMap((work) => (work === 'claim' ? [] : work.claimed));
    this.work.length = 0;
    this.claimedWaiting -= waiting.length;
    if (waiting.length > 0) await this.release(waiting.map((row) => row.id)).catch(() => undefined);
  }

  /**
   * The lowest outbox id of the rows committed transactions handed over that wait for the relay:
   * each hand-over's first row, as a transaction's rows get their ids in the order it wrote them.
   */
  private oldestWaitingId(): string | null {
    let oldest: bigint | null = null;
    for (const work of this.work) {
      if (work === 'claim') continue;
      const first = BigInt(work.claimed[0].id);
      if (oldest === null || first < oldest) oldest = first;
    }
    return oldest === null ? null : oldest.toString();
  }

  /** Claims the oldest routable due rows (with an id below `below`, when given) for a lease, in a transaction of its own. */
  private async claim(below: string | null): Promise<OutboxRow[]> {
    return this.dataSource.query(
      `WITH claimed AS (
         UPDATE outbox SET claimed_until = now() + $3 * interval '1 millisecond'
         WHERE id IN (
           SELECT id FROM outbox
           WHERE ${DUE_ROWS} AND ($4::bigint IS NULL OR id < $4)
           ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING id, type, envelope, octet_length(envelope::text) AS bytes)
       SELECT * FROM claimed ORDER BY id`,
      [this.knownTypes, OUTBOX_RELAY_BATCH_SIZE, this.config.OUTBOX_CLAIM_LEASE_MS, below],
    );
  }

  /** Whether a due row with an id from `from` up is in the table. */
  private async anyDueFrom(from: string): Promise<boolean> {
    const [{ due }]: { due: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM outbox WHERE ${DUE_ROWS} AND id >= $2) AS due`,
      [this.knownTypes, from],
    );
    return due;
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
      this.wake();
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
