import type { Tx } from '@koperasi/platform';
import { CaseHistoryEntry } from './case-history.entity';
import type { Case } from './case.entity';

export type HistoryInput = Pick<CaseHistoryEntry, 'caseId' | 'actorId' | 'action'> &
  Partial<Pick<CaseHistoryEntry, 'fromStatus' | 'toStatus' | 'fromAssigneeId' | 'toAssigneeId' | 'reason' | 'details'>>;

/** Appends to the case history and to the audit log, in the caller's transaction. */
export async function recordChange(tx: Tx, input: HistoryInput, before: Case | null, after: Case | null): Promise<void> {
  const entry = tx.manager.create(CaseHistoryEntry, {
    fromStatus: null,
    toStatus: null,
    fromAssigneeId: null,
    toAssigneeId: null,
    reason: null,
    details: {},
    ...input,
  });
  await tx.manager.save(entry);
  await tx.audit({
    action: `case.${input.action.toLowerCase()}`,
    entityType: 'Case',
    entityId: input.caseId,
    before: before ? auditView(before) : null,
    after: after ? auditView(after) : null,
    reason: input.reason ?? null,
  });
}

function auditView(value: Case): Record<string, unknown> {
  return {
    status: value.status,
    assigneeId: value.assigneeId,
    priority: value.priority,
    dueAt: value.dueAt,
    holdUntil: value.holdUntil,
    outcome: value.outcome,
  };
}
