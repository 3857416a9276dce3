import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope, RoutingTable } from '@koperasi/contracts';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { signEnvelope } from './envelope-signature';
import { OUTBOX_RELAY_BATCH_SIZE } from './messaging.constants';
import { QueueDirectory } from './queue-directory';
import { ROUTING_TABLE } from './routing.token';

interface OutboxRow {
  id: string;
  type: string;
  envelope: EventEnvelope;
}

/**
 * Moves committed outbox rows to their routed queues. Woken right after each commit; a poller is
 * the safety net for a crash between commit and publish. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so every replica can run a relay. The jobId is the event id, so a row
 * published twice (a crash before it was marked) is dropped by BullMQ or, later, by the inbox.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private draining: Promise<void> | null = null;
  private again = false;
  private poller?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueDirectory,
    @Inject(ROUTING_TABLE) private readonly routing: RoutingTable,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.poller = setInterval(() => this.wake(), this.config.OUTBOX_POLL_INTERVAL_MS);
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.poller);
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
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, type, envelope FROM outbox WHERE published_at IS NULL
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [OUTBOX_RELAY_BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      await this.publish(rows);
      await this.markPublished(
        manager,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const byQueue = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const targets = this.routing[row.type as keyof RoutingTable] ?? [];
      for (const queue of targets) {
        const queued = byQueue.get(queue) ?? [];
        queued.push(row);
        byQueue.set(queue, queued);
      }
    }
    await Promise.all(
      [...byQueue].map(([queue, queued]) =>
        this.queues.get(queue).addBulk(
          queued.map((row) => ({
            name: row.type,
            data: signEnvelope(row.envelope, this.config.EVENT_SIGNING_KEYS),
            opts: { jobId: row.envelope.eventId },
          })),
        ),
      ),
    );
  }

  async markPublished(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [ids]);
  }
}
