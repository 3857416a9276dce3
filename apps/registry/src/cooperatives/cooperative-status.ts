import { COOPERATIVE_STATUSES, type CooperativeStatus } from '@koperasi/contracts';

/** Domain §3: every allowed status change. Anything not listed is refused. */
export const STATUS_TRANSITIONS: Readonly<Record<CooperativeStatus, readonly CooperativeStatus[]>> = {
  ACTIVE: ['INACTIVE'],
  INACTIVE: ['ACTIVE', 'IN_DISSOLUTION'],
  IN_DISSOLUTION: ['INACTIVE', 'DISSOLVED'],
  DISSOLVED: ['LEGAL_ENTITY_REVOKED'],
  LEGAL_ENTITY_REVOKED: [],
};

export { COOPERATIVE_STATUSES };

export type TransitionCheck = { ok: true } | { ok: false; code: 'INVALID_STATUS_TRANSITION'; message: string };

/** The one place that decides whether a cooperative may go from one status to another. */
export function checkTransition(from: CooperativeStatus, to: CooperativeStatus): TransitionCheck {
  if (STATUS_TRANSITIONS[from].includes(to)) return { ok: true };
  return { ok: false, code: 'INVALID_STATUS_TRANSITION', message: `A cooperative cannot go from ${from} to ${to}` };
}

/** Transitions a registrar may make by hand; the others follow RATs, the evaluation or the dissolution workflow. */
export const MANUAL_TRANSITIONS: readonly (readonly [CooperativeStatus, CooperativeStatus])[] = [
  ['ACTIVE', 'INACTIVE'],
  ['INACTIVE', 'ACTIVE'],
];

export function isManualTransition(from: CooperativeStatus, to: CooperativeStatus): boolean {
  return MANUAL_TRANSITIONS.some(([a, b]) => a === from && b === to);
}
