import type { NotificationInput } from '../../notifications/notifier';
import type { Case } from '../case.entity';

type Noticed = Pick<Case, 'id' | 'cooperativeId' | 'type' | 'dueAt' | 'assigneeId' | 'assigneeName'>;

export const dueSoonNotice = (found: Noticed): NotificationInput => ({
  kind: 'CASE_DUE_SOON',
  caseId: found.id,
  cooperativeId: found.cooperativeId,
  params: { caseType: found.type, dueOn: found.dueAt.toISOString().slice(0, 10), assigneeName: found.assigneeName },
});

export const overdueNotice = (found: Noticed): NotificationInput => ({
  kind: 'CASE_OVERDUE',
  caseId: found.id,
  cooperativeId: found.cooperativeId,
  params: {
    caseType: found.type,
    dueOn: found.dueAt.toISOString().slice(0, 10),
    assigneeName: found.assigneeName ?? found.assigneeId,
    escalated: true,
  },
});

/**
 * The SLA notice a case's new assignee has missed: the reminder or the escalation fired while the
 * case had nobody (or someone else), so whoever takes it over is told it is due soon or overdue.
 */
export function missedSlaNotice(found: Noticed & Pick<Case, 'remindedAt' | 'escalatedAt'>, now = Date.now()) {
  if (found.escalatedAt && found.dueAt.getTime() <= now) return overdueNotice(found);
  if (found.remindedAt && found.dueAt.getTime() > now) return dueSoonNotice(found);
  return null;
}
