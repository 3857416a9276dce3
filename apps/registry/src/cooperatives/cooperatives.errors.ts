import type { CooperativeStatus } from '@koperasi/contracts';
import { conflict, notFound, unprocessable } from '@koperasi/platform';

export const cooperativeNotFound = (id: string) => notFound('Cooperative', id);

export const invalidTransition = (id: string, from: CooperativeStatus, to: CooperativeStatus) =>
  conflict('INVALID_STATUS_TRANSITION', `Cooperative ${id} cannot go from ${from} to ${to}`, {
    cooperativeId: id,
    currentStatus: from,
    requestedStatus: to,
  });

export const notManualTransition = (id: string, from: CooperativeStatus, to: CooperativeStatus) =>
  conflict('STATUS_CHANGE_NOT_MANUAL', `${from} -> ${to} follows the dissolution workflow, not a manual change`, {
    cooperativeId: id,
    currentStatus: from,
    requestedStatus: to,
  });

export const legalEntityNumberTaken = (legalEntityNumber: string) =>
  conflict(
    'LEGAL_ENTITY_NUMBER_TAKEN',
    `A cooperative with legal-entity number ${legalEntityNumber} is already registered`,
    { legalEntityNumber },
  );

export const nikTaken = (nik: string) =>
  conflict('NIK_TAKEN', `A cooperative with NIK ${nik} is already registered`, { nik });

export const staleVersion = (id: string, expected: number, actual: number) =>
  conflict('STALE_VERSION', `Cooperative ${id} was changed by someone else; reload it`, {
    expectedVersion: expected,
    currentVersion: actual,
  });

export const amendmentBeforeLegalEntity = () =>
  unprocessable('AMENDMENT_BEFORE_LEGAL_ENTITY', 'The articles amendment date is before the legal-entity date');

export const reasonRequired = (fields: string[]) =>
  unprocessable('REASON_REQUIRED', `Correcting ${fields.join(', ')} needs a reason`, { fields });
