import { HttpStatus } from '@nestjs/common';
import { DomainError, unprocessable } from '../http/domain-error';

export const unknownUser = (userId: string) =>
  unprocessable('UNKNOWN_USER', `No user ${userId} is known to the user directory`, { userId });

export const inactiveUser = (userId: string) =>
  unprocessable('USER_INACTIVE', `User ${userId} is deactivated and cannot be given work`, { userId });

export const userCannotTakeWork = (userId: string, roles: readonly string[], needed: readonly string[]) =>
  unprocessable('USER_CANNOT_TAKE_WORK', `User ${userId} holds none of the roles that take this work`, {
    userId,
    roles,
    needed,
  });

/** A deactivated user's token, still unexpired, opens nothing. */
export const deactivatedCaller = (userId: string) =>
  new DomainError('USER_INACTIVE', 'Your account is deactivated', HttpStatus.FORBIDDEN, { userId });
