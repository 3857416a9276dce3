import { type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError } from '../http/domain-error';

/**
 * Limits each user (the token's subject, known because the auth guard runs first), or each
 * address when the route is public, across all routes of the service.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: { user?: AuthenticatedUser; ip?: string }): Promise<string> {
    return request.user ? `user:${request.user.id}` : `ip:${request.ip ?? 'unknown'}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string): string {
    return tracker;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `Too many requests; retry in ${detail.timeToBlockExpire} s`,
      HttpStatus.TOO_MANY_REQUESTS,
      { limit: detail.limit, windowSeconds: detail.ttl / 1000, retryAfterSeconds: detail.timeToBlockExpire },
    );
  }
}
