import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient, QueryResultRow } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventData, EventType } from '@koperasi/contracts';
import type { AuditInput } from '../audit/audit-input';
import { AUDIT_LOG_COLUMNS, auditRows } from '../audit/audit-rows';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { currentWriteContext, type WriteContext } from '../context/request-context';
import { Deadline } from '../timers/deadline.entity';
import { TimerScheduler, type ArmedDeadline } from '../timers/timer-scheduler.service';
import { buildEnvelope } from './event-publisher';
import { BULK_INSERT_CHUNK } from './messaging.constants';
import { OutboxRelay, type CommittedOutbox, type OutboxClaim, type OutboxRow } from './outbox-relay.service';

export interface TimerRequest {
  kind: string;
  subjectId: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
  /** Defaults to the current request or job's. */
  correlationId?: string | null;
}

/**
 * One database transaction with what must commit with it: the events it publishes (outbox),
 * its audit records and its durable timers. Nothing leaves the process before the commit.
 */
export class Tx {
  private readonly claimed: OutboxRow[] = [];
  private unclaimed = 0;
  private readonly scheduled: ArmedDeadline[] = [];

  /** With `claim`, the transaction claims the outbox rows it writes, up to its limit, for its process's relay. */
  constructor(
    readonly manager: EntityManager,
    private readonly claim?: OutboxClaim,
  ) {}

  async publish<T extends EventType>(type: T, data: EventData<T>): Promise<string> {
    const [eventId] = await this.publishAll(type, [data]);
    return eventId;
  }

  /** Publishes many events of a type; `contexts[i]`, when given, is the context of `items[i]`. */
  async publishAll<T extends EventType>(
    type: T,
    items: EventData<T>[],
    contexts?: (WriteContext | undefined)[],
  ): Promise<string[]> {
    const rows = items.map((data, index) => {
      const envelope = buildEnvelope(type, data, contexts?.[index]);
      return { eventId: envelope.eventId, type, json: JSON.stringify(envelope) };
    });
    // One statement per chunk with a parameter per column (unnest): bulk publishing stays cheap.
    for (let start = 0; start < rows.length; start += BULK_INSERT_CHUNK) {
      const chunk = rows.slice(start, start + BULK_INSERT_CHUNK);
      const claiming = this.claim?.types.has(type) === true && this.claimed.length + chunk.length <= this.claim.maxRows;
      const inserted: { id: string; event_id: string }[] = await this.manager.query(
        `INSERT INTO outbox (event_id, type, envelope, claimed_until)
         SELECT event_id, type, envelope, now() + $4::int * interval '1 millisecond'
         FROM unnest($1::uuid[], $2::varchar[], $3::jsonb[]) AS e (event_id, type, envelope)
         ${claiming ? 'RETURNING id, event_id' : ''}`,
        [
          chunk.map((row) => row.eventId),
          chunk.map((row) => row.type),
          chunk.map((row) => row.json),
          claiming ? this.claim!.leaseMs : null,
        ],
      );
      if (!claiming) {
        this.unclaimed += chunk.length;
        continue;
      }
      const ids = new Map(inserted.map((row) => [row.event_id, row.id]));
      // The envelope as the table holds it (JSON, no Dates or undefined), as a claim would read it.
      this.claimed.push(
        ...chunk.map((row) => ({
          id: ids.get(row.eventId)!,
          type,
          envelope: JSON.parse(row.json),
          bytes: Buffer.byteLength(row.json),
        })),
      );
    }
    return rows.map((row) => row.eventId);
  }

  async audit(input: AuditInput): Promise<void> {
    await this.auditAll([input]);
  }

  async auditAll(inputs: AuditInput[]): Promise<void> {
    for (let start = 0; start < inputs.length; start += BULK_INSERT_CHUNK) {
      const rows = auditRows(inputs.slice(start, start + BULK_INSERT_CHUNK), 1);
      await this.manager.query(`INSERT INTO audit_log (${AUDIT_LOG_COLUMNS}) SELECT * FROM ${rows.sql}`, rows.params);
    }
  }

  /**
   * Sets the timer `kind` for `subjectId` to `dueAt`, moving a pending one in place (one statement).
   * A job armed for the old due time finds the row not yet due, or already settled, and does nothing.
   */
  async schedule(
    kind: string,
    subjectId: string,
    dueAt: Date,
    payload: Record<string, unknown> = {},
  ): Promise<Deadline> {
    const [deadline] = await this.scheduleAll([{ kind, subjectId, dueAt, payload }]);
    return deadline;
  }

  /** `schedule` for many timers at once; each (kind, subjectId) at most once. */
  async scheduleAll(items: TimerRequest[]): Promise<Deadline[]> {
    const current = currentWriteContext().correlationId;
    const deadlines: Deadline[] = [];
    for (let start = 0; start < items.length; start += BULK_INSERT_CHUNK) {
      const chunk = items.slice(start, start + BULK_INSERT_CHUNK).map((item) => ({
        ...item,
        payload: item.payload ?? {},
        correlationId: item.correlationId === undefined ? current : item.correlationId,
      }));
      const rows: { id: string; created_at: Date; kind: string; subject_id: string }[] = await this.manager.query(
        `INSERT INTO deadlines (kind, subject_id, due_at, payload, state, correlation_id)
         SELECT kind, subject_id, due_at, payload, 'PENDING', correlation_id
         FROM unnest($1::varchar[], $2::varchar[], $3::timestamptz[], $4::jsonb[], $5::varchar[])
           AS t (kind, subject_id, due_at, payload, correlation_id)
         ON CONFLICT (kind, subject_id) WHERE state = 'PENDING'
         DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, correlation_id = EXCLUDED.correlation_id
         RETURNING id, created_at, kind, subject_id`,
        [
          chunk.map((item) => item.kind),
          chunk.map((item) => item.subjectId),
          chunk.map((item) => item.dueAt),
          chunk.map((item) => JSON.stringify(item.payload)),
          chunk.map((item) => item.correlationId),
        ],
      );
      const stored = new Map(rows.map((row) => [`${row.kind}/${row.subject_id}`, row]));
      for (const item of chunk) {
        const row = stored.get(`${item.kind}/${item.subjectId}`)!;
        deadlines.push(
          this.manager.create(Deadline, {
            id: row.id,
            kind: item.kind,
            subjectId: item.subjectId,
            dueAt: item.dueAt,
            payload: item.payload,
            state: 'PENDING',
            correlationId: item.correlationId,
            createdAt: row.created_at,
            settledAt: null,
          }),
        );
      }
    }
    this.scheduled.push(...deadlines);
    return deadlines;
  }

  /** Deadlines the caller's own statement wrote (see newTimerRows): armed after the commit as scheduleAll's are. */
  armAfterCommit(deadlines: ArmedDeadline[]): void {
    this.scheduled.push(...deadlines);
  }

  async cancelDeadline(kind: string, subjectId: string): Promise<void> {
    await this.manager.update(
      Deadline,
      { kind, subjectId, state: 'PENDING' },
      { state: 'CANCELLED', settledAt: new Date() },
    );
  }

  /** `cancelDeadline` for each kind of `kinds` and each of `subjectIds`, in one statement. */
  async cancelDeadlines(kinds: string[], subjectIds: string[]): Promise<void> {
    if (kinds.length === 0 || subjectIds.length === 0) return;
    await this.manager.query(
      `UPDATE deadlines SET state = 'CANCELLED', settled_at = $3
       WHERE state = 'PENDING' AND kind = ANY($1::varchar[]) AND subject_id = ANY($2::varchar[])`,
      [kinds, subjectIds, new Date()],
    );
  }

  /** What must happen once the transaction has committed. */
  afterCommit(): { outbox: CommittedOutbox; scheduled: ArmedDeadline[] } {
    return { outbox: { claimed: this.claimed, unclaimed: this.unclaimed }, scheduled: this.scheduled };
  }
}

@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly timers: TimerScheduler,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
  ) {}

  /** Runs `work` in one transaction; after the commit, hands its events to the relay and arms the new timers. */
  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let tx!: Tx;
    const result = await this.dataSource.transaction(async (manager) => {
      tx = new Tx(manager, this.relay.claimForTransaction());
      return work(tx);
    });
    const { outbox, scheduled } = tx.afterCommit();
    this.relay.committed(outbox);
    if (scheduled.length > 0) await this.timers.arm(scheduled);
    return result;
  }

  /**
   * Runs one statement that commits on its own (no transaction around it), then arms the
   * deadlines it wrote, as `settle` answers them from its rows. It must write no outbox rows.
   */
  async runStatement<R extends QueryResultRow>(
    sql: string,
    params: unknown[],
    settle: (rows: R[]) => ArmedDeadline[],
  ): Promise<R[]> {
    const runner = this.dataSource.createQueryRunner();
    let rows: R[];
    try {
      const client = (await runner.connect()) as PoolClient;
      const name = this.config.DATABASE_PREPARED_STATEMENTS ? preparedName(sql) : undefined;
      ({ rows } = await client.query<R>({ name, text: sql, values: params }));
    } finally {
      await runner.release();
    }
    const armed = settle(rows);
    if (armed.length > 0) await this.timers.arm(armed);
    return rows;
  }
}

/** A prepared statement's name from its text: one text, one name, on every connection. */
const preparedName = (sql: string) => `s${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
