import { Param, ParseUUIDPipe } from '@nestjs/common';
import { badRequest } from '@koperasi/platform';

/** A route parameter that must be a UUID; anything else answers 400 INVALID_IDENTIFIER. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({ exceptionFactory: () => badRequest('INVALID_IDENTIFIER', `${name} must be a UUID`) }),
  );
