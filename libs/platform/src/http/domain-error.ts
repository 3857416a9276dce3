import { HttpStatus } from '@nestjs/common';

/**
 * A business rule said no. It is deterministic: retrying the same request or event gives the same
 * answer, so an event handler that throws one sends the event to the dead-letter list at once.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: HttpStatus = HttpStatus.UNPROCESSABLE_ENTITY,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (entity: string, id: string) =>
  new DomainError(`${toCode(entity)}_NOT_FOUND`, `${entity} ${id} was not found`, HttpStatus.NOT_FOUND, { id });

export const conflict = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, HttpStatus.CONFLICT, details);

export const unprocessable = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, HttpStatus.UNPROCESSABLE_ENTITY, details);

export const forbidden = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, HttpStatus.FORBIDDEN, details);

export const badRequest = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, HttpStatus.BAD_REQUEST, details);

function toCode(entity: string): string {
  return entity
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toUpperCase();
}
