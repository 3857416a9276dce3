import type { EventEnvelope } from '@koperasi/contracts';
import {
  EVENT_IS_NEW,
  EVENT_STATEMENT_FIRST_PARAM,
  EventHandler,
  eventContext,
  splitBatch,
  type EventConsumer,
  type EventStatement,
  type Tx,
} from '@koperasi/platform';
import { CooperativeReadModel, heldCooperatives, type HeldRow } from '../../cooperatives/cooperative-read-model';
import { CaseClosings, type SystemClose } from '../case-closings.service';
import { CaseLifecycle } from '../case-lifecycle.service';
import { DISSOLVED, REACTIVATED } from '../case-outcomes';
import { BACK_FROM_DISSOLUTION_PRIORITY } from './reopen-reactivation';

const TYPE = 'registry.cooperative-status-changed.v1';
type StatusChanged = EventEnvelope<typeof TYPE>;

/** A row of the statement's final query: a cooperative as the read model holds it, or a case it opened. */
type ResultRow = HeldRow & { opened: string | null };

/**
 * Keeps the read model and our status history, and opens the reactivation case of an INACTIVE
 * status, in one statement; then closes cases: ACTIVE closes the reactivation as reactivated,
 * DISSOLVED / LEGAL_ENTITY_REVOKED close every open case.
 */
@EventHandler(TYPE)
export class CooperativeStatusChangedConsumer implements EventConsumer<typeof TYPE> {
  constructor(
    private readonly readModel: CooperativeReadModel,
    private readonly cases: CaseLifecycle,
    private readonly closings: CaseClosings,
  ) {}

  async handle(event: StatusChanged, tx: Tx): Promise<void> {
    await this.apply(tx, [event]);
  }

  /**
   * A wave of status changes (the annual evaluation's, a run of dissolution decisions): the first
   * event of each cooperative in the batch, all in a few statements. A second event for a
   * cooperative goes one by one after these, which keeps each cooperative's events in order.
   */
  async handleBatch(events: StatusChanged[], tx: Tx): Promise<StatusChanged[]> {
    const { together, rest } = splitBatch(events, ({ data }) => data.cooperativeId);
    await this.apply(tx, together);
    return rest;
  }

  /** A status that closes no case is applied alone in one statement, the inbox's row included. */
  statementFor(event: StatusChanged): EventStatement<ResultRow> | null {
    if (this.closing(event).length > 0) return null;
    const statement = this.statement([event], EVENT_STATEMENT_FIRST_PARAM, EVENT_IS_NEW);
    return { ...statement, settle: (rows) => statement.settle(rows).deadlines };
  }

  /** Events of distinct cooperatives, in the same few statements whether one or many. */
  private async apply(tx: Tx, events: StatusChanged[]): Promise<void> {
    const statement = this.statement(events, 1);
    const rows: ResultRow[] = await tx.manager.query(`WITH ${statement.with} ${statement.select}`, statement.params);
    const { held, deadlines } = statement.settle(rows);
    tx.armAfterCommit(deadlines);
    // A late event older than the status we already hold is history only.
    const current = events.filter(({ data }) => held.get(data.cooperativeId)?.status === data.to);
    await this.closings.closeOpen(
      tx,
      current.flatMap((event) => this.closing(event)),
    );
  }

  /**
   * The read model and history of `events`, and the reactivation cases of those that leave the
   * cooperative INACTIVE, as WITH items and a final query answering both (parameters from `$first`).
   */
  private statement(events: StatusChanged[], first: number, when?: string) {
    const upsert = this.readModel.upsertStatement(
      events.map(({ data }) => ({ ...data, status: data.to, statusChangedAt: new Date(data.changedAt) })),
      events.map(({ eventId, data }) => ({ eventId, ...data })),
      first,
      when,
    );
    const opening = this.cases.openingStatement(
      events.filter(({ data }) => data.to === 'INACTIVE').map((event) => this.reactivation(event)),
      first + upsert.params.length,
      { cooperatives: 'upserted', when: `co.status = 'INACTIVE'` },
    );
    return {
      with: `${upsert.with},\n${opening.with}`,
      select: `SELECT id, status, NULL AS opened FROM upserted UNION ALL SELECT cooperative_id, NULL, id::text FROM inserted`,
      params: [...upsert.params, ...opening.params],
      settle: (rows: ResultRow[]) => ({
        held: heldCooperatives(rows.filter((row) => row.opened === null)),
        deadlines: opening.settle(rows.flatMap((row) => (row.opened === null ? [] : [row.opened]))).deadlines,
      }),
    };
  }

  /** The cases a status closes: the reactivation when ACTIVE, every open case when dissolved. */
  private closing(event: StatusChanged): SystemClose[] {
    const { data } = event;
    const close = { cooperativeId: data.cooperativeId, context: eventContext(event) };
    switch (data.to) {
      case 'ACTIVE':
        return [{ ...close, type: 'REACTIVATION', outcome: REACTIVATED, reason: `Status ACTIVE: ${data.reason}` }];
      case 'DISSOLVED':
      case 'LEGAL_ENTITY_REVOKED':
        return [{ ...close, outcome: DISSOLVED, reason: `Status ${data.to}: ${data.reason}` }];
      default:
        return [];
    }
  }

  /** Back from a dissolution proceeding (an upheld objection, a withdrawal): as urgent as after a rejection. */
  private reactivation(event: StatusChanged) {
    const { data } = event;
    const back = data.from === 'IN_DISSOLUTION';
    return {
      cooperativeId: data.cooperativeId,
      type: 'REACTIVATION' as const,
      priority: back ? BACK_FROM_DISSOLUTION_PRIORITY : ('NORMAL' as const),
      reason: back ? `Dissolution ended: ${data.reason}` : `Became inactive: ${data.reason}`,
      context: eventContext(event),
    };
  }
}
