import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import type { Params } from 'nestjs-pino';
import { ClsServiceManager } from 'nestjs-cls';
import { CORRELATION_HEADER } from '../context/request-context';

/**
 * Paths pino removes before a line is written. Credentials, and personal data that errors carry:
 * a failed query's parameters (names, NIKs, addresses) and PostgreSQL's detail ("Key (nik)=(...)").
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...['err', 'err.driverError', 'err.cause', 'error', 'error.driverError'].flatMap((error) => [
    `${error}.parameters`,
    `${error}.detail`,
  ]),
];

const LEVELS_WRITING_REQUEST_LINES = ['trace', 'debug', 'info'];

/** Structured JSON logs; every line carries the service, process id, host and the current correlation id. */
export function pinoOptions(service: string, level: string): Params {
  const writesRequestLines = LEVELS_WRITING_REQUEST_LINES.includes(level);
  return {
    // pino-http writes its per-request line at info (failures included). Above that level its middleware
    // would only bind a child logger to each request, and lines take the correlation id from the request
    // context (mixin) anyway, so it is not mounted. With nestjs-cls's middleware gone too (openRequestContext),
    // Nest runs no middleware at all, which saved about a tenth of a queue request's CPU.
    ...(writesRequestLines ? {} : { forRoutes: [] }),
    pinoHttp: {
      level,
      base: { service, pid: process.pid, hostname: hostname() },
      genReqId: (request: IncomingMessage) => correlationIdOf(request),
      customProps: (request: IncomingMessage) => ({ correlationId: correlationIdOf(request) }),
      mixin: () => {
        const cls = ClsServiceManager.getClsService();
        return cls.isActive() && cls.getId() ? { correlationId: cls.getId() } : {};
      },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // The path only: query strings carry searches (names, NIKs) and headers carry credentials.
      serializers: {
        req: (request: { id?: unknown; method?: string; url?: string }) => ({
          id: request.id,
          method: request.method,
          url: request.url?.split('?')[0],
        }),
      },
      autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' || request.url === '/ready' },
    },
  };
}

/** The caller's correlation id when it sent one (trimmed to a sane size), a fresh one otherwise. */
export function correlationIdOf(request: IncomingMessage): string {
  const header = request.headers[CORRELATION_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  if (value && /^[A-Za-z0-9._-]{1,80}$/.test(value)) return value;
  const assigned = (request as IncomingMessage & { correlationId?: string }).correlationId ?? randomUUID();
  (request as IncomingMessage & { correlationId?: string }).correlationId = assigned;
  return assigned;
}
