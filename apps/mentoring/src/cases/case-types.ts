import type { Role } from '@koperasi/contracts';
/** The office's own list of mentoring case types (domain.md section 4). */
export const CASE_TYPES = [
  'INSTITUTIONAL',
  'FINANCIAL_REPORTING',
  'RAT_PREPARATION',
  'INTERNAL_DISPUTE',
  'REACTIVATION',
  'SUPERVISION_FOLLOW_UP',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * Stored beside the code so "most urgent first" is an index-backed sort: rank ascending, then due
 * date ascending, both in the same direction as the index.
 */
export const PRIORITY_RANK: Record<Priority, number> = { URGENT: 1, HIGH: 2, NORMAL: 3, LOW: 4 };

export const ACTIVITY_KINDS = ['VISIT', 'CALL', 'MEETING', 'DOCUMENT_RECEIVED', 'NOTE'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Who may be given cases: the roles that work them. */
export const ASSIGNABLE_ROLES = ['officer', 'supervisor'] as const satisfies readonly Role[];
