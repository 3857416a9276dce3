import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ClsService } from 'nestjs-cls';
import { ROLES, type Role } from '@koperasi/contracts';
import { DomainError } from '../http/domain-error';
import { CONTEXT_KEYS } from '../context/request-context';
import type { AuthenticatedUser, TokenClaims } from './authenticated-user';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

const unauthenticated = (message: string) => new DomainError('UNAUTHENTICATED', message, HttpStatus.UNAUTHORIZED);

/** Global guard: a valid token on every route but public ones, and one of the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly cls: ClsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const user = await this.authenticate(request.headers.authorization);
    request.user = user;
    this.cls.set(CONTEXT_KEYS.actor, { id: user.id, name: user.name });

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed) {
      throw new DomainError('ROUTE_NOT_AUTHORIZED', 'This route declares no roles and is closed', HttpStatus.FORBIDDEN);
    }
    if (!user.roles.some((role) => allowed.includes(role))) {
      throw new DomainError(
        'FORBIDDEN_ROLE',
        `This action needs one of the roles: ${allowed.join(', ')}`,
        HttpStatus.FORBIDDEN,
        {
          required: allowed,
          held: user.roles,
        },
      );
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<AuthenticatedUser> {
    const [scheme, token] = header?.split(' ') ?? [];
    if (scheme !== 'Bearer' || !token) throw unauthenticated('A bearer token is required');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw unauthenticated(expired ? 'The token has expired' : 'The token is not valid');
    }
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((role) => ROLES.includes(role)) : [];
    if (!claims.sub || roles.length === 0) throw unauthenticated('The token carries no user or no known role');
    return { id: claims.sub, name: claims.name ?? claims.sub, roles };
  }
}
