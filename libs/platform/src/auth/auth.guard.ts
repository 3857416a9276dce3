import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ClsService } from 'nestjs-cls';
import { ROLES, type Role } from '@koperasi/contracts';
import { DomainError } from '../http/domain-error';
import { CONTEXT_KEYS } from '../context/request-context';
import type { AuthenticatedUser, TokenClaims } from './authenticated-user';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { VerifiedTokens } from './verified-tokens';

/** Fits the audit log's actor column; no control characters. */
const VALID_SUBJECT = /^[^\u0000-\u001f]{1,120}$/;

const unauthenticated = (message: string) => new DomainError('UNAUTHENTICATED', message, HttpStatus.UNAUTHORIZED);

/** Global guard: a valid token on every route but public ones, and one of the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new VerifiedTokens();

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
    const known = this.verified.get(token);
    if (known) return known;
    let claims: Partial<TokenClaims>;
    try {
      // Issuer, audience and algorithm are checked by the verify options the platform module sets.
      claims = await this.jwt.verifyAsync<Partial<TokenClaims>>(token);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw unauthenticated(expired ? 'The token has expired' : 'The token is not valid');
    }
    // A token without `exp` would be valid for ever.
    if (typeof claims.exp !== 'number') throw unauthenticated('The token carries no expiry');
    // A numeric `sub` would compare unequal to the same user's id as text (four-eyes checks).
    if (typeof claims.sub !== 'string' || !VALID_SUBJECT.test(claims.sub))
      throw unauthenticated('The token carries no valid user id');
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((role) => ROLES.includes(role)) : [];
    if (roles.length === 0) throw unauthenticated('The token carries no known role');
    const name = typeof claims.name === 'string' && claims.name.length <= 200 ? claims.name : claims.sub;
    const user = { id: claims.sub, name, roles };
    this.verified.set(token, user, claims.exp);
    return user;
  }
}
