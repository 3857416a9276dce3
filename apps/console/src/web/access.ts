import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import type { Role } from '@koperasi/contracts';
import { CONTEXT_KEYS } from '@koperasi/platform';
import type { User } from '../accounts/user.entity';
import { UsersService } from '../accounts/users.service';
import { ServiceClient } from '../services/service-client';
import { menuFor } from './menu';

const ALLOWED_KEY = 'console:allowed-roles';
const OPEN_KEY = 'console:open';

/** Which roles may open a page or post a form (the menu shows the same). */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_KEY, roles);
/** A page anyone may open without signing in (sign-in itself, assets). */
export const Open = () => SetMetadata(OPEN_KEY, true);
const PASSWORD_PAGE_KEY = 'console:password-page';
/** Reachable while the user still has to change a temporary password. */
export const PasswordPage = () => SetMetadata(PASSWORD_PAGE_KEY, true);

/** No session, an expired one, or a deactivated user: back to the sign-in page. */
export class SignInRequired extends Error {
  constructor(readonly expired: boolean) {
    super('Sign-in required');
  }
}

/** Signed in, but the page is for other roles. */
export class PageForbidden extends Error {}

/** A signed-in user who must choose a new password first. */
export class PasswordChangeRequired extends Error {}

export type SignedInRequest = Request & { user: User };

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): User => context.switchToHttp().getRequest<SignedInRequest>().user,
);

/**
 * Global guard: every page needs a signed-in, active user holding one of the page's roles.
 * The user is read from the directory on every request, so a deactivation takes effect at once.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersService,
    private readonly cls: ClsService,
    private readonly services: ServiceClient,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(OPEN_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<SignedInRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const userId = request.session.userId;
    const user = userId ? await this.users.findById(userId) : null;
    if (!user || !user.active) {
      const cookieSent = (request.headers.cookie ?? '').includes('koperasi.sid=');
      throw new SignInRequired(cookieSent && !userId);
    }
    request.user = user;
    this.cls.set(CONTEXT_KEYS.actor, { id: user.id, name: user.fullName });
    response.locals.user = user;
    response.locals.lang = user.language;
    response.locals.menu = menuFor(user.roles);
    response.locals.isAdmin = user.roles.includes('admin');

    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_PAGE_KEY, targets)) {
      throw new PasswordChangeRequired();
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_KEY, targets);
    if (!allowed || !user.roles.some((role) => allowed.includes(role))) throw new PageForbidden();
    if (request.method === 'GET') response.locals.unread = await this.unreadCount(user);
    return true;
  }

  /** The bell's figure; a page still renders when the mentoring service does not answer. */
  private async unreadCount(user: User): Promise<number | null> {
    try {
      return (await this.services.get<{ unread: number }>(user, 'mentoring', '/notifications/unread-count')).unread;
    } catch {
      return null;
    }
  }
}
