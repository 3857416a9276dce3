import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** What a write route needs to be idempotent: the key, the caller, the route and the response to shape. */
export interface CommandContext {
  idempotencyKey: string | undefined;
  user: AuthenticatedUser;
  route: string;
  response: Response;
}

export const Command = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const http = context.switchToHttp();
  const request = http.getRequest<Request & { user: AuthenticatedUser }>();
  const header = request.headers[IDEMPOTENCY_HEADER];
  return {
    idempotencyKey: Array.isArray(header) ? header[0] : header,
    user: request.user,
    route: `${request.method} ${request.path}`,
    response: http.getResponse<Response>(),
  };
});

/** OpenAPI: the route honours an Idempotency-Key header. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'A retry with the same key (same user, same route) returns the first answer with Idempotent-Replayed: true; ' +
      '1-200 characters of A-Z a-z 0-9 . _ : -',
  });
