import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { withTimeout } from '../common/with-timeout';
import { SERVICE_IDENTITY } from '../config/config.tokens';
import { QueueDirectory } from '../messaging/queue-directory';
import type { ServiceIdentity } from '../service-identity';

export const METERED_QUEUES = Symbol('METERED_QUEUES');

/** A deadline still pending this long after it fell due counts as past due (the timer should have fired). */
export const DEADLINE_GRACE_SECONDS = 60;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
const SCRAPE_TIMEOUT_MS = 2_000;

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * The service's Prometheus metrics. A registry of its own (not prom-client's global one), so that
 * several applications in one test process do not collide. Figures kept in PostgreSQL or Redis are
 * read when Prometheus scrapes, never on the hot path.
 */
@Injectable()
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly logger = new Logger(PlatformMetrics.name);
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly batchSize: Histogram;
  private readonly jobEvents: Histogram;
  private readonly batchDuration: Histogram;
  private readonly batchFailures: Counter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueDirectory,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
    @Inject(METERED_QUEUES) private readonly queueNames: string[],
  ) {
    this.registry.setDefaultLabels({ service: identity.name });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by route pattern and status, from the first byte read to the last byte written',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'inbox_batch_events',
      help: 'Events applied together in one inbox batch',
      buckets: [1, 2, 5, 10, 25, 50, 100],
      registers,
    });
    this.jobEvents = new Histogram({
      name: 'inbox_job_events',
      help: 'Events carried by one inbox job (1 for a single-event job, more for a batch the relay sent)',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
      registers,
    });
    this.batchDuration = new Histogram({
      name: 'inbox_batch_duration_seconds',
      help: 'Time to apply one inbox batch, fallback one by one included',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.batchFailures = new Counter({
      name: 'inbox_batch_failures_total',
      help: 'Inbox batches that threw (their events are applied again one by one)',
      registers,
    });
    this.defineScrapedGauges(registers);
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  observeInboxJob(events: number): void {
    this.jobEvents.observe(events);
  }

  /** Times one inbox batch; the batch's own result or error passes through unchanged. */
  async timeInboxBatch<T>(events: number, apply: () => Promise<T>): Promise<T> {
    const stop = this.batchDuration.startTimer();
    this.batchSize.observe(events);
    try {
      return await apply();
    } catch (error) {
      this.batchFailures.inc();
      throw error;
    } finally {
      stop();
    }
  }

  private defineScrapedGauges(registers: Registry[]): void {
    const sqlGauges: [name: string, help: string, sql: string][] = [
      [
        'outbox_lag_seconds',
        'Age of the oldest outbox row not yet published (0 when none)',
        `SELECT EXTRACT(EPOCH FROM now() - min(created_at)) AS value FROM outbox WHERE published_at IS NULL`,
      ],
      [
        'outbox_unpublished_events',
        'Outbox rows not yet published',
        `SELECT count(*) AS value FROM outbox WHERE published_at IS NULL`,
      ],
      [
        'dead_letters_open',
        'Dead letters neither retried successfully nor dismissed',
        `SELECT count(*) AS value FROM dead_letters WHERE resolved_at IS NULL`,
      ],
      [
        'deadlines_past_due',
        `Deadlines still pending more than ${DEADLINE_GRACE_SECONDS} s after they fell due`,
        `SELECT count(*) AS value FROM deadlines
          WHERE state = 'PENDING' AND due_at < now() - interval '${DEADLINE_GRACE_SECONDS} seconds'`,
      ],
    ];
    for (const [name, help, sql] of sqlGauges) {
      const read = () => this.readNumber(sql);
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          const value = await read();
          if (value !== undefined) this.set(value);
        },
      });
    }
    const countJobs = () => this.countJobs();
    new Gauge({
      name: 'queue_jobs',
      help: "Jobs in this service's queues by state",
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const { queue, counts } of await countJobs()) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
        }
      },
    });
    const pool = () => (this.dataSource.driver as unknown as { master?: PgPool }).master;
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections: total, idle, and requests waiting for one',
      labelNames: ['state'],
      registers,
      collect() {
        const current = pool();
        if (!current) return;
        this.set({ state: 'total' }, current.totalCount);
        this.set({ state: 'idle' }, current.idleCount);
        this.set({ state: 'waiting' }, current.waitingCount);
      },
    });
  }

  private async readNumber(sql: string): Promise<number | undefined> {
    try {
      const [row] = (await withTimeout(this.dataSource.query(sql), SCRAPE_TIMEOUT_MS)) as { value: string | null }[];
      return Number(row?.value ?? 0);
    } catch (error) {
      this.logger.warn({ source: 'database', err: (error as Error).message }, 'Metric not collected');
      return undefined;
    }
  }

  private async countJobs(): Promise<{ queue: string; counts: Record<string, number> }[]> {
    const results = [];
    for (const queue of this.queueNames) {
      try {
        const counts = await withTimeout(this.queues.get(queue).getJobCounts(...QUEUE_STATES), SCRAPE_TIMEOUT_MS);
        results.push({ queue, counts });
      } catch (error) {
        this.logger.warn({ source: queue, err: (error as Error).message }, 'Metric not collected');
      }
    }
    return results;
  }
}
