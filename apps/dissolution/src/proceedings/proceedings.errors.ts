import { conflict, forbidden, notFound, unprocessable } from '@koperasi/platform';
import type { ProceedingAction, ProceedingStep } from './proceeding-step';

export const proceedingNotFound = (id: string) => notFound('Proceeding', id);

export const stepNotAllowed = (currentStep: ProceedingStep, action: ProceedingAction, allowed: ProceedingAction[]) =>
  conflict('STEP_NOT_ALLOWED', `${action} is not allowed while the proceeding is ${currentStep}`, {
    currentStep,
    action,
    allowed,
  });

export const staleVersion = (id: string, expectedVersion: number, currentVersion?: number) =>
  conflict('STALE_VERSION', 'The proceeding was changed by someone else; reload it and try again', {
    id,
    expectedVersion,
    ...(currentVersion === undefined ? {} : { currentVersion }),
  });

export const proceedingAlreadyOpen = (cooperativeId: string, proceedingId: string) =>
  conflict('PROCEEDING_ALREADY_OPEN', `Cooperative ${cooperativeId} already has an open proceeding`, {
    cooperativeId,
    proceedingId,
  });

/** Four-eyes: the supervisor who decides must not be one of the proposal's authors. */
export const fourEyesViolation = (proposalAuthors: string[]) =>
  forbidden(
    'FOUR_EYES_VIOLATION',
    'Whoever opened, edited or proposed a dissolution may not approve, reject or decide on it',
    { proposalAuthors },
  );

export const supervisorRequired = (action: ProceedingAction) =>
  forbidden('SUPERVISOR_REQUIRED', `Only a supervisor may ${action} at this step`, { action });

/** The read model says the cooperative is not in a status the step needs (an ACTIVE one is never dissolved). */
export const cooperativeNotEligible = (
  cooperativeId: string,
  action: string,
  status: string | null,
  allowed: readonly string[],
) =>
  unprocessable(
    'COOPERATIVE_NOT_ELIGIBLE',
    `${action} needs the cooperative to be ${allowed.join(' or ')}; it is ${status ?? 'unknown to this service'}`,
    { cooperativeId, action, status, allowed },
  );
