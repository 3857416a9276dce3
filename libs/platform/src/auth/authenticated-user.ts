import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@koperasi/contracts';

export interface AuthenticatedUser {
  id: string;
  name: string;
  roles: Role[];
}

export interface TokenClaims {
  sub: string;
  name?: string;
  roles: Role[];
  exp: number;
}

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);
