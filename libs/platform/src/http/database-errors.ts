import { HttpStatus } from '@nestjs/common';

/** What a constraint means to a caller: the domain code and message answered when it is violated. */
export interface ConstraintMeaning {
  code: string;
  message: string;
}

/** Constraint name -> meaning; a service declares its own with its database definition. */
export type ConstraintMeanings = Record<string, ConstraintMeaning>;

export interface DescribedError {
  status: HttpStatus;
  code: string;
  message: string;
  details: Record<string, unknown>;
}

const describe = (status: HttpStatus, code: string, message: string): DescribedError => ({
  status,
  code,
  message,
  details: {},
});

/**
 * PostgreSQL errors a caller's input can cause, by SQLSTATE. None names a table, column,
 * constraint or statement: those stay in the log.
 */
const BY_SQLSTATE: Record<string, DescribedError> = {
  '22001': describe(HttpStatus.BAD_REQUEST, 'VALUE_TOO_LONG', 'A value in the request is too long'),
  '22003': describe(HttpStatus.BAD_REQUEST, 'VALUE_OUT_OF_RANGE', 'A number in the request is out of range'),
  '22007': describe(HttpStatus.BAD_REQUEST, 'INVALID_DATE', 'A date in the request is not valid'),
  '22008': describe(HttpStatus.BAD_REQUEST, 'INVALID_DATE', 'A date in the request is out of range'),
  '22021': describe(HttpStatus.BAD_REQUEST, 'INVALID_TEXT', 'A text in the request holds a NUL or invalid character'),
  '22P02': describe(HttpStatus.BAD_REQUEST, 'INVALID_IDENTIFIER', 'An identifier in the request is malformed'),
  '22P05': describe(HttpStatus.BAD_REQUEST, 'INVALID_TEXT', 'A text in the request holds a NUL or invalid character'),
  '23502': describe(HttpStatus.UNPROCESSABLE_ENTITY, 'VALUE_REQUIRED', 'A required value is missing'),
  '23503': describe(HttpStatus.CONFLICT, 'REFERENCE_NOT_FOUND', 'The request refers to a record that does not exist'),
  '23505': describe(HttpStatus.CONFLICT, 'ALREADY_EXISTS', 'A record with these values already exists'),
  '23514': describe(HttpStatus.UNPROCESSABLE_ENTITY, 'VALUE_NOT_ALLOWED', 'A value in the request is not allowed'),
  '40001': describe(HttpStatus.CONFLICT, 'CONCURRENT_UPDATE', 'Another change was made at the same time; retry'),
  '40P01': describe(HttpStatus.CONFLICT, 'CONCURRENT_UPDATE', 'Another change was made at the same time; retry'),
  '57014': describe(
    HttpStatus.SERVICE_UNAVAILABLE,
    'QUERY_TIMEOUT',
    'The request took too long and was stopped; narrow it (filters, a shorter period) or retry later',
  ),
};

/**
 * The answer for a PostgreSQL error, or undefined when it is not one a request can cause
 * (the caller then answers a generic 500 and logs the details).
 */
export function describeDatabaseError(
  driverError: { code?: string; constraint?: string } | undefined,
  constraints: ConstraintMeanings,
): DescribedError | undefined {
  const known = driverError?.constraint ? constraints[driverError.constraint] : undefined;
  if (known && driverError?.code?.startsWith('23')) {
    return { status: HttpStatus.CONFLICT, code: known.code, message: known.message, details: {} };
  }
  const described = driverError?.code ? BY_SQLSTATE[driverError.code] : undefined;
  return described && { ...described, details: {} };
}

/** pg-pool's error when no connection came within DATABASE_CONNECT_TIMEOUT_MS (it has no SQLSTATE). */
const CONNECT_TIMEOUT = /^timeout exceeded when trying to connect$|^Connection terminated due to connection timeout$/;

export function describeConnectionError(error: unknown): DescribedError | undefined {
  if (!(error instanceof Error) || !CONNECT_TIMEOUT.test(error.message)) return undefined;
  return {
    ...describe(
      HttpStatus.SERVICE_UNAVAILABLE,
      'DATABASE_BUSY',
      'No database connection was free in time; retry shortly',
    ),
    details: {},
  };
}
