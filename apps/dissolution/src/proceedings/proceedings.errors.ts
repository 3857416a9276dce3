import { conflict, forbidden, notFound } from '@koperasi/platform';
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

/** Four-eyes: the supervisor who decides must not be the officer who proposed. */
export const fourEyesViolation = (proposedBy: string | null) =>
  forbidden('FOUR_EYES_VIOLATION', 'The proposer of a dissolution may not approve, reject or decide on it', {
    proposedBy,
  });

export const supervisorRequired = (action: ProceedingAction) =>
  forbidden('SUPERVISOR_REQUIRED', `Only a supervisor may ${action} at this step`, { action });
