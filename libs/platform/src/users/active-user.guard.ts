import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { UserDirectory } from './user-directory';
import { deactivatedCaller } from './user-errors';

/**
 * Global guard after the token check: a user the directory has deactivated is refused on every
 * route, even with a token minted before. A user the directory does not know yet is let through:
 * the token is the proof, and the directory's events may still be on their way.
 */
@Injectable()
export class ActiveUserGuard implements CanActivate {
  constructor(private readonly directory: UserDirectory) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const user: AuthenticatedUser | undefined = context.switchToHttp().getRequest().user;
    if (user && (await this.directory.isDeactivated(user.id))) throw deactivatedCaller(user.id);
    return true;
  }
}
