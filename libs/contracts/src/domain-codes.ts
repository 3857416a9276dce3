export const COOPERATIVE_STATUSES = [
  'ACTIVE',
  'INACTIVE',
  'IN_DISSOLUTION',
  'DISSOLVED',
  'LEGAL_ENTITY_REVOKED',
] as const;
export type CooperativeStatus = (typeof COOPERATIVE_STATUSES)[number];

export const HEALTH_CATEGORIES = [
  'HEALTHY',
  'FAIRLY_HEALTHY',
  'UNDER_SUPERVISION',
  'UNDER_SPECIAL_SUPERVISION',
] as const;
export type HealthCategory = (typeof HEALTH_CATEGORIES)[number];

export const POOR_HEALTH_CATEGORIES: readonly HealthCategory[] = ['UNDER_SUPERVISION', 'UNDER_SPECIAL_SUPERVISION'];

/** Outcomes with which an officer closes a REACTIVATION case as failed. */
export const REACTIVATION_FAILURE_OUTCOMES = ['NO_BOARD', 'NO_MEMBERS', 'UNREACHABLE', 'NO_BUSINESS'] as const;
export type ReactivationFailureOutcome = (typeof REACTIVATION_FAILURE_OUTCOMES)[number];

export const DISSOLUTION_GROUNDS = [
  'NON_COMPLIANT',
  'PUBLIC_ORDER',
  'BANKRUPT',
  'NO_MEETING_3_YEARS',
  'NO_BUSINESS_2_YEARS',
] as const;
export type DissolutionGround = (typeof DISSOLUTION_GROUNDS)[number];

/** Why the registry refused a status-changing event (registry.status-change-refused.v1). */
export const STATUS_CHANGE_REFUSAL_REASONS = ['STATUS_MISMATCH', 'INVALID_STATUS_TRANSITION'] as const;
export type StatusChangeRefusalReason = (typeof STATUS_CHANGE_REFUSAL_REASONS)[number];
