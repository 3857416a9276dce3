import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';
import { type ConstraintMeanings, describeConnectionError, describeDatabaseError } from './database-errors';
import { DomainError } from './domain-error';

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
};

/** Maps every error to `{ error: { code, message, details } }` with the right status. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly constraints: ConstraintMeanings = {},
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response: unknown = host.switchToHttp().getResponse();
    const { status, code, message, details } = this.describe(exception);
    if (status >= 500) this.logger.error({ err: exception }, message);
    this.adapterHost.httpAdapter.reply(response, { error: { code, message, details } }, status);
  }

  private describe(exception: unknown) {
    if (exception instanceof DomainError) {
      return { status: exception.status, code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'code' in body) {
        const shaped = body as { code: string; message: string; details?: Record<string, unknown> };
        return { status, code: shaped.code, message: shaped.message, details: shaped.details ?? {} };
      }
      return { status, code: STATUS_CODES[status] ?? 'HTTP_ERROR', message: exception.message, details: {} };
    }
    const refused = clientErrorStatusOf(exception);
    if (refused) {
      return {
        status: refused,
        code: STATUS_CODES[refused] ?? 'HTTP_ERROR',
        message: (exception as Error).message,
        details: {},
      };
    }
    if (exception instanceof QueryFailedError) {
      const driverError = exception.driverError as { code?: string; constraint?: string };
      const described = describeDatabaseError(driverError, this.constraints);
      if (described) {
        // The caller learns the domain code only; which constraint or table said no stays here.
        this.logger.warn({ sqlState: driverError.code, constraint: driverError.constraint }, described.code);
        return described;
      }
    }
    const connection = describeConnectionError(exception);
    if (connection) return connection;
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: 'Internal server error',
      details: {},
    };
  }
}

/** The 4xx status the HTTP server gave a request whose body it refused (too large, not JSON). */
function clientErrorStatusOf(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return exception instanceof Error && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
