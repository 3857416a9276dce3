import { Injectable, Logger } from '@nestjs/common';
import type { Tx, WriteContext } from '@koperasi/platform';
import { Notifier } from '../notifications/notifier';
import type { DISSOLVED, REACTIVATED } from './case-outcomes';
import { recordChanges, type AuditedCase } from './case-records';
import { OPEN_STATUSES, type CaseStatus } from './case-status';
import { CASE_TIMERS } from './case-timers';
import type { CaseType, Priority } from './case-types';

/** The registry's word closes a cooperative's open cases: one of its outcomes, never a failure. */
export interface SystemClose {
  cooperativeId: string;
  /** Only the open case of this type; every open case of the cooperative when absent. */
  type?: CaseType;
  outcome: typeof REACTIVATED | typeof DISSOLVED;
  reason: string;
  context: WriteContext;
}

interface ClosedRow {
  id: string;
  cooperative_id: string;
  type: CaseType;
  priority: Priority;
  due_at: Date;
  assignee_id: string | null;
  from_status: CaseStatus;
  from_hold_until: Date | null;
  from_outcome: string | null;
}

/** Locks the open cases named, in cooperative order, and closes them; answers them with their state before. */
const CLOSE_OPEN_CASES = `
  WITH request AS (
    SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::text[], $5::varchar[])
      AS r (cooperative_id, only_type, outcome, reason, closed_by)),
  target AS (
    SELECT c.id, c.status, c.hold_until, c.outcome, r.outcome AS new_outcome, r.reason, r.closed_by
    FROM cases c
    JOIN request r ON r.cooperative_id = c.cooperative_id AND (r.only_type IS NULL OR r.only_type = c.type)
    WHERE c.status = ANY($6::varchar[])
    ORDER BY c.cooperative_id, c.opened_at
    FOR UPDATE OF c)
  UPDATE cases c SET status = 'CLOSED', outcome = t.new_outcome, close_reason = t.reason, evidence_notes = NULL,
    closed_at = $7, closed_by = t.closed_by, hold_until = NULL, hold_reason = NULL, version = c.version + 1
  FROM target t WHERE c.id = t.id
  RETURNING c.id, c.cooperative_id, c.type, c.priority, c.due_at, c.assignee_id,
    t.status AS from_status, t.hold_until AS from_hold_until, t.outcome AS from_outcome`;

/**
 * What `CaseLifecycle.close` does to each case, for the open cases of many cooperatives at once and
 * in a fixed number of statements: the row, its timers, history, audit and the assignee's notice.
 */
@Injectable()
export class CaseClosings {
  private readonly logger = new Logger(CaseClosings.name);

  constructor(private readonly notifier: Notifier) {}

  /** `closes` name distinct cooperatives. */
  async closeOpen(tx: Tx, closes: SystemClose[]): Promise<void> {
    if (closes.length === 0) return;
    // An UPDATE answers its rows and their count.
    const [rows]: [ClosedRow[], number] = await tx.manager.query(CLOSE_OPEN_CASES, [
      closes.map((close) => close.cooperativeId),
      closes.map((close) => close.type ?? null),
      closes.map((close) => close.outcome),
      closes.map((close) => close.reason),
      closes.map((close) => close.context.actor.id),
      OPEN_STATUSES,
      new Date(),
    ]);
    if (rows.length === 0) return;
    const closeOf = new Map(closes.map((close) => [close.cooperativeId, close]));
    const closed = rows.map((row) => ({ row, close: closeOf.get(row.cooperative_id)! }));

    await tx.cancelDeadlines(
      Object.values(CASE_TIMERS),
      rows.map((row) => row.id),
    );
    await recordChanges(
      tx,
      closed.map(({ row, close }) => {
        const kept = { assigneeId: row.assignee_id, priority: row.priority, dueAt: row.due_at };
        const before: AuditedCase = {
          ...kept,
          status: row.from_status,
          holdUntil: row.from_hold_until,
          outcome: row.from_outcome,
        };
        return {
          input: {
            caseId: row.id,
            actorId: close.context.actor.id,
            action: 'CLOSED',
            fromStatus: row.from_status,
            toStatus: 'CLOSED',
            reason: close.reason,
            details: { outcome: close.outcome },
          },
          before,
          after: { ...kept, status: 'CLOSED', holdUntil: null, outcome: close.outcome },
          context: close.context,
        };
      }),
    );
    await this.notifier.toUserAll(
      tx,
      closed
        .filter(({ row, close }) => row.assignee_id && row.assignee_id !== close.context.actor.id)
        .map(({ row, close }) => ({
          userId: row.assignee_id!,
          input: {
            kind: 'CASE_CLOSED' as const,
            caseId: row.id,
            cooperativeId: row.cooperative_id,
            params: { caseType: row.type, outcome: close.outcome, reason: close.reason, by: close.context.actor.id },
          },
        })),
    );
    this.logger.log(
      { cases: closed.map(({ row, close }) => ({ caseId: row.id, outcome: close.outcome })) },
      'Cases closed',
    );
  }
}
