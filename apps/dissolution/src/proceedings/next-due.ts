import { creditorClaimsDueOn, decreeDueOn, objectionDecisionDueOn, objectionDueOn } from './deadlines';
import type { ProceedingStep } from './proceeding-step';

/** What the office must do next on an open proceeding, and the statutory date, if any. */
export interface NextDue {
  action: string;
  dueOn: string | null;
  /** True when the date binds the office (a decision or the decree): past it, the proceeding is overdue. */
  binding: boolean;
}

export interface DueInputs {
  step: ProceedingStep;
  noticeReceivedOn: string | null;
  objectionReceivedOn: string | null;
  creditorNoticeOn: string | null;
}

export interface StatutoryDeadline {
  kind: 'OBJECTION_WINDOW_CLOSES' | 'OBJECTION_DECISION_DUE' | 'DECREE_DUE' | 'CREDITOR_CLAIMS_CLOSE';
  dueOn: string;
}

/** Every statutory date that follows from the recorded facts. */
export function statutoryDeadlines(facts: Omit<DueInputs, 'step'>): StatutoryDeadline[] {
  const deadlines: StatutoryDeadline[] = [];
  if (facts.noticeReceivedOn) {
    deadlines.push({ kind: 'OBJECTION_WINDOW_CLOSES', dueOn: objectionDueOn(facts.noticeReceivedOn) });
  }
  if (facts.objectionReceivedOn) {
    deadlines.push({ kind: 'OBJECTION_DECISION_DUE', dueOn: objectionDecisionDueOn(facts.objectionReceivedOn) });
  }
  if (facts.noticeReceivedOn) deadlines.push({ kind: 'DECREE_DUE', dueOn: decreeDueOn(facts.noticeReceivedOn) });
  if (facts.creditorNoticeOn)
    deadlines.push({ kind: 'CREDITOR_CLAIMS_CLOSE', dueOn: creditorClaimsDueOn(facts.creditorNoticeOn) });
  return deadlines;
}

export function nextDue(facts: DueInputs): NextDue | null {
  const notice = facts.noticeReceivedOn;
  switch (facts.step) {
    case 'DRAFT':
      return { action: 'PROPOSE', dueOn: null, binding: false };
    case 'PROPOSED':
      return { action: 'APPROVE_OR_REJECT', dueOn: null, binding: false };
    case 'APPROVED':
      return { action: 'DELIVER_NOTICE', dueOn: null, binding: false };
    case 'NOTICE_DELIVERED':
      return { action: 'OBJECTION_WINDOW_CLOSES', dueOn: notice ? objectionDueOn(notice) : null, binding: false };
    case 'OBJECTION_UNDER_REVIEW':
      return {
        action: 'DECIDE_OBJECTION',
        dueOn: facts.objectionReceivedOn ? objectionDecisionDueOn(facts.objectionReceivedOn) : null,
        binding: true,
      };
    case 'READY_FOR_DECREE':
      return { action: 'RECORD_DECREE', dueOn: notice ? decreeDueOn(notice) : null, binding: true };
    case 'DECREED':
      return facts.creditorNoticeOn
        ? { action: 'CREDITOR_CLAIMS_CLOSE', dueOn: creditorClaimsDueOn(facts.creditorNoticeOn), binding: false }
        : { action: 'NOTIFY_CREDITORS', dueOn: null, binding: false };
    case 'LIQUIDATION_FINISHED':
      return { action: 'PUBLISH_GAZETTE', dueOn: null, binding: false };
    default:
      return null;
  }
}
