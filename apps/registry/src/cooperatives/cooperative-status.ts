import { COOPERATIVE_STATUSES, type CooperativeStatus, type StatusChangeRefusalReason } from '@koperasi/contracts';

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

export type ExpectedTransitionCheck = { ok: true } | { ok: false; code: StatusChangeRefusalReason; message: string };

/**
 * An event that asks for a status change names the status it expects the cooperative to be in:
 * the change applies only from that status, and only when the state machine allows it from there.
 */
export function checkExpectedTransition(
  actual: CooperativeStatus,
  expected: CooperativeStatus,
  to: CooperativeStatus,
): ExpectedTransitionCheck {
  if (actual !== expected) {
    return {
      ok: false,
      code: 'STATUS_MISMATCH',
      message: `The cooperative is ${actual}, not ${expected} as the event expected; it stays ${actual}`,
    };
  }
  const transition = checkTransition(actual, to);
  return transition.ok ? transition : { ok: false, code: transition.code, message: transition.message };
}
