import { AUDIT_LOG_COLUMNS, auditRows, type Tx, type WriteContext } from '@koperasi/platform';
import type { CaseHistoryEntry } from './case-history.entity';
import type { Case } from './case.entity';

export type HistoryInput = Pick<CaseHistoryEntry, 'caseId' | 'actorId' | 'action'> &
  Partial<Pick<CaseHistoryEntry, 'fromStatus' | 'toStatus' | 'fromAssigneeId' | 'toAssigneeId' | 'reason' | 'details'>>;

/** The part of a case its audit records show. */
export type AuditedCase = Pick<Case, 'status' | 'assigneeId' | 'priority' | 'dueAt' | 'holdUntil' | 'outcome'>;

export interface CaseChange {
  input: HistoryInput;
  before: AuditedCase | null;
  after: AuditedCase | null;
  /** Defaults to the current request or job. */
  context?: WriteContext;
}

/** Appends to the case history and to the audit log, in the caller's transaction. */
export async function recordChange(
  tx: Tx,
  input: HistoryInput,
  before: AuditedCase | null,
  after: AuditedCase | null,
): Promise<void> {
  await recordChanges(tx, [{ input, before, after }]);
}

/** Appends each change to the case history and to the audit log, in one statement. */
export async function recordChanges(tx: Tx, changes: CaseChange[]): Promise<void> {
  if (changes.length === 0) return;
  const column = <K extends keyof HistoryInput>(key: K) => changes.map(({ input }) => input[key] ?? null);
  const audit = auditRows(
    changes.map(({ input, before, after, context }) => ({
      // Audit actions in every service: entity.kebab-case-verb (case.priority-changed, proceeding.notice-recorded).
      action: `case.${input.action.toLowerCase().replaceAll('_', '-')}`,
      entityType: 'Case',
      entityId: input.caseId,
      before: before ? auditView(before) : null,
      after: after ? auditView(after) : null,
      reason: input.reason ?? null,
      context,
    })),
    10,
  );
  await tx.manager.query(
    `WITH history AS (
       INSERT INTO case_history (case_id, actor_id, action, from_status, to_status, from_assignee_id, to_assignee_id, reason, details)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::text[], $9::jsonb[]))
     INSERT INTO audit_log (${AUDIT_LOG_COLUMNS}) SELECT * FROM ${audit.sql}`,
    [
      column('caseId'),
      column('actorId'),
      column('action'),
      column('fromStatus'),
      column('toStatus'),
      column('fromAssigneeId'),
      column('toAssigneeId'),
      column('reason'),
      changes.map(({ input }) => JSON.stringify(input.details ?? {})),
      ...audit.params,
    ],
  );
}

function auditView(value: AuditedCase): Record<string, unknown> {
  return {
    status: value.status,
    assigneeId: value.assigneeId,
    priority: value.priority,
    dueAt: value.dueAt,
    holdUntil: value.holdUntil,
    outcome: value.outcome,
  };
}
