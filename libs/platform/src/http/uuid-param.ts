import { Param, ParseUUIDPipe } from '@nestjs/common';
import { badRequest } from './domain-error';

/**
 * A route parameter that must be a UUID. Every service answers a malformed id the same way:
 * 400 INVALID_IDENTIFIER, before any query runs (a well-formed id that does not exist is a 404).
 */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({ exceptionFactory: () => badRequest('INVALID_IDENTIFIER', `${name} must be a UUID`) }),
  );
