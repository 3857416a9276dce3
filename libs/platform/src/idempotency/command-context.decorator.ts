import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../auth/authenticated-user';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** What a write route needs to be idempotent: the key, the caller, the route and the response to shape. */
export interface CommandContext {
  idempotencyKey: string | undefined;
  user: AuthenticatedUser;
  route: string;
  /** A digest of the request body (and of an uploaded file's name and size): a key is for one request. */
  fingerprint: string;
  response: FastifyReply;
}

const fingerprintOf = (request: FastifyRequest & { file?: { originalname?: string; size?: number } }) =>
  createHash('sha256')
    .update(JSON.stringify([request.body ?? null, request.file?.originalname ?? null, request.file?.size ?? null]))
    .digest('base64url');

export const Command = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const http = context.switchToHttp();
  const request = http.getRequest<FastifyRequest & { user: AuthenticatedUser }>();
  const header = request.headers[IDEMPOTENCY_HEADER];
  return {
    idempotencyKey: Array.isArray(header) ? header[0] : header,
    user: request.user,
    route: `${request.method} ${request.originalUrl.split('?')[0]}`,
    fingerprint: fingerprintOf(request),
    response: http.getResponse<FastifyReply>(),
  };
});

/** OpenAPI: the route honours an Idempotency-Key header. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'A retry with the same key (same user, same route, same body) returns the first answer with Idempotent-Replayed: true; ' +
      'the same key with another route or body answers 422 IDEMPOTENCY_KEY_REUSED; ' +
      '1-200 characters of A-Z a-z 0-9 . _ : -',
  });
