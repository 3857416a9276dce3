import { ParseUUIDPipe } from '@nestjs/common';
import { badRequest } from '@koperasi/platform';

/** Case ids are UUIDs; anything else is a 400 before any query runs. */
export const CaseIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => badRequest('INVALID_IDENTIFIER', 'The case id must be a UUID'),
});
