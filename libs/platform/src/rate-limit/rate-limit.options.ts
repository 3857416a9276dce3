import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { BaseEnv } from '../config/service-config';
import { COSTLY_KEY } from './costly.decorator';

const MINUTE_MS = 60_000;

const isCostly = (context: ExecutionContext) =>
  Boolean(Reflect.getMetadata(COSTLY_KEY, context.getHandler()) ?? Reflect.getMetadata(COSTLY_KEY, context.getClass()));

/** Two limits per minute: every request, and the bulk routes marked `@Costly()`. A limit of 0 is off. */
export function rateLimitOptions(env: BaseEnv, storage: ThrottlerStorage): ThrottlerModuleOptions {
  return {
    storage,
    throttlers: [
      {
        name: 'default',
        ttl: MINUTE_MS,
        limit: env.RATE_LIMIT_PER_MINUTE,
        skipIf: () => env.RATE_LIMIT_PER_MINUTE === 0,
      },
      {
        name: 'costly',
        ttl: MINUTE_MS,
        limit: env.RATE_LIMIT_COSTLY_PER_MINUTE,
        skipIf: (context) => env.RATE_LIMIT_COSTLY_PER_MINUTE === 0 || !isCostly(context),
      },
    ],
  };
}
