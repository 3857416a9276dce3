import { REACTIVATION_FAILURE_OUTCOMES, type ReactivationFailureOutcome } from '@koperasi/contracts';
import type { CaseType } from './case-types';

/** Closed by the system when the registry reports the cooperative dissolved. */
export const DISSOLVED = 'DISSOLVED';
/** Closed by the system when the registry reports a RAT or a return to ACTIVE. */
export const REACTIVATED = 'REACTIVATED';

/**
 * Outcomes an officer may choose when closing a case of each type. Reactivation succeeds only on
 * the registry's word (a RAT recorded, status ACTIVE), so an officer closes it only as failed.
 */
export const OFFICER_OUTCOMES: Record<CaseType, readonly string[]> = {
  INSTITUTIONAL: ['RESOLVED', 'NOT_RESOLVED', 'WITHDRAWN'],
  FINANCIAL_REPORTING: ['REPORT_COMPLETED', 'NOT_COMPLETED', 'WITHDRAWN'],
  RAT_PREPARATION: ['RAT_HELD', 'RAT_NOT_HELD', 'WITHDRAWN'],
  INTERNAL_DISPUTE: ['RESOLVED', 'NOT_RESOLVED', 'REFERRED', 'WITHDRAWN'],
  REACTIVATION: [...REACTIVATION_FAILURE_OUTCOMES],
  SUPERVISION_FOLLOW_UP: ['IMPROVED', 'NOT_IMPROVED', 'WITHDRAWN'],
};

/** Outcomes only events set. */
export const SYSTEM_OUTCOMES: Record<CaseType, readonly string[]> = {
  INSTITUTIONAL: [DISSOLVED],
  FINANCIAL_REPORTING: [DISSOLVED],
  RAT_PREPARATION: [DISSOLVED],
  INTERNAL_DISPUTE: [DISSOLVED],
  REACTIVATION: [REACTIVATED, DISSOLVED],
  SUPERVISION_FOLLOW_UP: [DISSOLVED],
};

export function isOfficerOutcome(type: CaseType, outcome: string): boolean {
  return OFFICER_OUTCOMES[type].includes(outcome);
}

export function isReactivationFailure(type: CaseType, outcome: string): outcome is ReactivationFailureOutcome {
  return type === 'REACTIVATION' && (REACTIVATION_FAILURE_OUTCOMES as readonly string[]).includes(outcome);
}

export const ALL_OUTCOMES: readonly string[] = [
  ...new Set(Object.values(OFFICER_OUTCOMES).flat().concat(Object.values(SYSTEM_OUTCOMES).flat())),
];
