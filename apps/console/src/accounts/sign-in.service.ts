import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@koperasi/platform';
import type { ConsoleConfig } from '../config';
import { RedisConnection } from '../infrastructure/redis.connection';
import { passwordMatches } from './passwords';
import type { User } from './user.entity';
import { UsersService } from './users.service';

export type SignInResult = { ok: true; user: User } | { ok: false; reason: 'INVALID' | 'LOCKED'; minutes?: number };

/** Compared against when the username is unknown, so a wrong name costs as long as a wrong password. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$dAHgXkPmV2S38qYnkTyWBA$u5tqls6fPWXmYwp9EDQIppo2LINcUitbfnoBNTe5hdU';

/**
 * Checks a username and password. Failures are counted per username in Redis: after
 * SIGN_IN_SLOW_AFTER each try waits a second per failure, after SIGN_IN_LOCK_AFTER the name is
 * locked for SIGN_IN_LOCK_MINUTES (counted from the last failure), whatever the password.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    private readonly users: UsersService,
    private readonly redis: RedisConnection,
    @Inject(SERVICE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  async signIn(username: string, password: string): Promise<SignInResult> {
    const name = username.trim().toLowerCase().slice(0, 60);
    const key = `${this.redis.prefix}sign-in-failures:${name}`;
    const failures = Number((await this.redis.client.get(key)) ?? 0);
    if (failures >= this.config.SIGN_IN_LOCK_AFTER) {
      this.logger.warn({ username: name }, 'Sign-in refused: locked');
      return { ok: false, reason: 'LOCKED', minutes: this.config.SIGN_IN_LOCK_MINUTES };
    }
    if (failures >= this.config.SIGN_IN_SLOW_AFTER) await sleep(Math.min(failures, 10) * 1000);

    const user = await this.users.findByUsername(name);
    const matches = await passwordMatches(user?.passwordHash ?? DUMMY_HASH, password);
    if (user && user.active && matches) {
      await this.redis.client.del(key);
      await this.users.recordSignIn(user.id);
      this.logger.log({ userId: user.id }, 'Signed in');
      return { ok: true, user };
    }
    const count = await this.redis.client
      .multi()
      .incr(key)
      .expire(key, this.config.SIGN_IN_LOCK_MINUTES * 60)
      .exec();
    const now = Number(count?.[0]?.[1] ?? failures + 1);
    this.logger.warn({ username: name, failures: now }, 'Sign-in failed');
    if (now >= this.config.SIGN_IN_LOCK_AFTER) {
      return { ok: false, reason: 'LOCKED', minutes: this.config.SIGN_IN_LOCK_MINUTES };
    }
    return { ok: false, reason: 'INVALID' };
  }
}
