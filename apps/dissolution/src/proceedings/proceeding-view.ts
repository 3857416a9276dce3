import type { Cooperative } from '../cooperatives/cooperative.entity';
import { statutoryDeadlines } from './next-due';
import type { Proceeding } from './proceeding.entity';
import { allowedActions } from './proceeding-step';

export interface NextDueView {
  action: string;
  dueOn: string | null;
  overdue: boolean;
}

export function nextDueView(
  proceeding: Pick<Proceeding, 'nextAction' | 'nextDueOn' | 'nextDueBinding'>,
  today: string,
): NextDueView | null {
  if (!proceeding.nextAction) return null;
  const overdue = proceeding.nextDueBinding && proceeding.nextDueOn !== null && proceeding.nextDueOn < today;
  return { action: proceeding.nextAction, dueOn: proceeding.nextDueOn, overdue };
}

type CooperativeSummary = Pick<
  Cooperative,
  'cooperativeId' | 'name' | 'kecamatan' | 'kelurahan' | 'status' | 'legalEntityNumber' | 'nik'
>;

/** The full picture of one proceeding, as every write answers and the detail view shows. */
export function proceedingView(proceeding: Proceeding, today: string, cooperative?: CooperativeSummary | null) {
  return {
    id: proceeding.id,
    cooperativeId: proceeding.cooperativeId,
    cooperative: cooperative ?? null,
    step: proceeding.step,
    version: proceeding.version,
    allowedActions: allowedActions(proceeding.step),
    grounds: proceeding.grounds,
    evidence: proceeding.evidence,
    openedBy: proceeding.openedBy,
    proposedBy: proceeding.proposedBy,
    proposedAt: proceeding.proposedAt,
    approvedBy: proceeding.approvedBy,
    approvedAt: proceeding.approvedAt,
    notice: proceeding.notice,
    objection: proceeding.objection,
    objectionDecision: proceeding.objectionDecision,
    decree: proceeding.decree,
    liquidation: proceeding.liquidation,
    gazette: proceeding.gazette,
    reviewFlag: proceeding.reviewFlag,
    registryRefusal: proceeding.registryRefusal,
    deadlines: statutoryDeadlines(proceeding),
    nextDue: nextDueView(proceeding, today),
    closedReason: proceeding.closedReason,
    closedBy: proceeding.closedBy,
    closedAt: proceeding.closedAt,
    createdAt: proceeding.createdAt,
    updatedAt: proceeding.updatedAt,
  };
}

export type ProceedingView = ReturnType<typeof proceedingView>;
