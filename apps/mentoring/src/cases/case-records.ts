import { AUDIT_LOG_COLUMNS, auditRows, unnestSource, type Tx, type WriteContext } from '@koperasi/platform';
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
  const rows = changeRows(changes, 1);
  await tx.manager.query(
    `WITH history AS (INSERT INTO case_history (${HISTORY_COLUMNS}) SELECT * FROM ${rows.history})
     INSERT INTO audit_log (${AUDIT_LOG_COLUMNS}) SELECT * FROM ${rows.audit}`,
    rows.params,
  );
}

export const HISTORY_COLUMNS =
  'case_id, actor_id, action, from_status, to_status, from_assignee_id, to_assignee_id, reason, details';

export interface ChangeRows {
  /** `unnest(...) AS history_row (HISTORY_COLUMNS)`. */
  history: string;
  /** `unnest(...) AS audit_row (AUDIT_LOG_COLUMNS)`; entity_id is the case id. */
  audit: string;
  /** Their parameters, from `$first` on. */
  params: unknown[][];
}

/** The history and audit rows of changes as two sources, so that one statement can write them with other rows. */
export function changeRows(changes: CaseChange[], first: number): ChangeRows {
  const column = <K extends keyof HistoryInput>(key: K) => changes.map(({ input }) => input[key] ?? null);
  const types = ['uuid', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'text', 'jsonb'];
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
    first + types.length,
  );
  return {
    history: unnestSource('history_row', HISTORY_COLUMNS, types, first),
    audit: audit.sql,
    params: [
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
  };
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
