import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { ClsServiceManager } from 'nestjs-cls';
import { CORRELATION_HEADER } from '../context/request-context';

/** Structured JSON logs; every line carries the service name and the current correlation id. */
export function pinoOptions(service: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      genReqId: (request: IncomingMessage) => correlationIdOf(request),
      customProps: (request: IncomingMessage) => ({ correlationId: correlationIdOf(request) }),
      mixin: () => {
        const cls = ClsServiceManager.getClsService();
        return cls.isActive() && cls.getId() ? { correlationId: cls.getId() } : {};
      },
      redact: ['req.headers.authorization'],
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
