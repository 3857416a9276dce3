import { conflict, forbidden, notFound, unprocessable } from '@koperasi/platform';
import type { CaseAction, CaseStatus } from './case-status';

export const caseNotFound = (id: string) => notFound('Case', id);

export const invalidTransition = (id: string, action: CaseAction, from: CaseStatus) =>
  conflict('CASE_INVALID_TRANSITION', `A case that is ${from} cannot be asked to ${action}`, {
    caseId: id,
    action,
    status: from,
  });

/** Names who was faster, so the page can say so politely. */
export const alreadyClaimed = (
  id: string,
  status: CaseStatus,
  assigneeId: string | null,
  assigneeName: string | null,
) =>
  conflict('CASE_ALREADY_CLAIMED', 'The case is no longer unassigned', {
    caseId: id,
    status,
    assigneeId,
    assigneeName,
  });

export const notYourCase = (id: string) =>
  forbidden('CASE_NOT_ASSIGNED_TO_YOU', 'Only the assignee or a supervisor may work this case', { caseId: id });

export const outcomeNotAllowed = (type: string, outcome: string, allowed: readonly string[]) =>
  unprocessable('CASE_OUTCOME_NOT_ALLOWED', `Outcome ${outcome} does not fit a ${type} case`, {
    type,
    outcome,
    allowed,
  });

export const evidenceRequired = (outcome: string) =>
  unprocessable('CASE_EVIDENCE_REQUIRED', `Closing a reactivation as ${outcome} needs evidence notes`, { outcome });

export const openCaseExists = (cooperativeId: string, type: string) =>
  conflict('CASE_ALREADY_OPEN', `The cooperative already has an open ${type} case`, { cooperativeId, type });

export const cooperativeUnknown = (id: string) => notFound('Cooperative', id);

/** A reactivation case is for a cooperative that is not active (the registry's status, as the read model has it). */
export const cooperativeNotEligible = (
  cooperativeId: string,
  type: string,
  status: string | null,
  allowed: readonly string[],
) =>
  unprocessable(
    'COOPERATIVE_NOT_ELIGIBLE',
    `A ${type} case needs the cooperative to be ${allowed.join(' or ')}; it is ${status ?? 'unknown to this service'}`,
    { cooperativeId, type, status, allowed },
  );

export const checklistStepUnknown = (caseId: string, code: string) =>
  notFound('Checklist step', `${code} of case ${caseId}`);

export const holdDateNotFuture = (until: string) =>
  unprocessable('HOLD_DATE_NOT_IN_FUTURE', 'A hold must end on a later date than today', { until });

export const receivedOnInFuture = (receivedOn: string) =>
  unprocessable('RECEIVED_ON_IN_FUTURE', 'A request cannot have reached the office after today', { receivedOn });

export const caseClosed = (id: string) => conflict('CASE_CLOSED', 'The case is closed', { caseId: id });

/** Activities travel as evidence in the reactivation-failed event: their number bounds its size. */
export const MAX_ACTIVITIES_PER_CASE = 100;
export const tooManyActivities = (id: string) =>
  conflict(
    'CASE_ACTIVITY_LIMIT',
    `A case holds at most ${MAX_ACTIVITIES_PER_CASE} activities; summarise in the closing notes instead`,
    { caseId: id, limit: MAX_ACTIVITIES_PER_CASE },
  );

export const staleVersion = (id: string, expected: number, actual: number) =>
  conflict('STALE_VERSION', `Case ${id} was changed by someone else; reload it`, {
    expectedVersion: expected,
    currentVersion: actual,
  });

/** The same code and details as the dissolution service's statutory dates. */
export const dateInFuture = (field: string, date: string, today: string) =>
  unprocessable('DATE_IN_FUTURE', `${field} (${date}) is after today (${today}) at the office`, {
    field,
    date,
    today,
  });

export const activityNotFound = (caseId: string, activityId: string) =>
  notFound('Activity', `${activityId} of case ${caseId}`);

export const notYourActivity = (caseId: string, activityId: string) =>
  forbidden('ACTIVITY_NOT_YOURS', 'Only the author of an activity or a supervisor may amend it', {
    caseId,
    activityId,
  });

export const staleActivityVersion = (activityId: string, expected: number, actual: number) =>
  conflict('STALE_VERSION', `Activity ${activityId} was amended by someone else; reload it`, {
    expectedVersion: expected,
    currentVersion: actual,
  });
