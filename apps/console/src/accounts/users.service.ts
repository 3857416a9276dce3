import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Role } from '@koperasi/contracts';
import { DomainError, type Tx } from '@koperasi/platform';
import { ConsoleUnitOfWork } from '../infrastructure/console-unit-of-work';
import type { Language } from '../i18n/dictionary';
import { hashPassword, MIN_PASSWORD_LENGTH, temporaryPassword } from './passwords';
import { User } from './user.entity';

export interface UserFields {
  username: string;
  fullName: string;
  email: string | null;
  roles: Role[];
  kecamatan: string | null;
}

type UserEvent = 'console.user-created.v1' | 'console.user-changed.v1' | 'console.user-deactivated.v1';

const USERNAME = /^[a-z0-9._-]{3,60}$/;

/** What the audit log keeps of a user (never the hash). */
function auditView(user: User) {
  const { id, username, fullName, email, roles, kecamatan, active, mustChangePassword, language } = user;
  return { id, username, fullName, email, roles, kecamatan, active, mustChangePassword, language };
}

const invalid = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, HttpStatus.UNPROCESSABLE_ENTITY, details);

/**
 * The user directory. Every change is audited and published as a user event in the same
 * transaction, so the services' read models learn who exists the way they learn everything else.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly work: ConsoleUnitOfWork,
  ) {}

  list(): Promise<User[]> {
    return this.users.find({ order: { active: 'DESC', fullName: 'ASC' } });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOneBy({ username: username.trim().toLowerCase() });
  }

  /** Names by id, for pages that show people the services name by id. */
  async namesById(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id && /^[0-9a-f-]{36}$/.test(id)))];
    if (wanted.length === 0) return new Map();
    const found = await this.users
      .createQueryBuilder('user')
      .select(['user.id', 'user.fullName'])
      .where('user.id IN (:...wanted)', { wanted })
      .getMany();
    return new Map(found.map((user) => [user.id, user.fullName]));
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /** Creates a user with the given password, or a temporary one that must be changed at first sign-in. */
  async create(fields: UserFields, password?: string): Promise<{ user: User; password: string }> {
    this.check(fields);
    const chosen = password ?? temporaryPassword();
    const passwordHash = await hashPassword(chosen);
    const user = await this.work.run((tx) => insertUser(tx, fields, passwordHash, password === undefined));
    return { user, password: chosen };
  }

  async update(id: string, fields: UserFields): Promise<User> {
    this.check(fields);
    return this.change(id, 'user.changed', 'console.user-changed.v1', (user) => Object.assign(user, fields));
  }

  async deactivate(id: string, reason: string): Promise<User> {
    return this.change(id, 'user.deactivated', 'console.user-deactivated.v1', (user) => (user.active = false), reason);
  }

  async reactivate(id: string): Promise<User> {
    return this.change(id, 'user.reactivated', 'console.user-changed.v1', (user) => (user.active = true));
  }

  /** A new temporary password, to be changed at the next sign-in. */
  async resetPassword(id: string): Promise<string> {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    await this.change(id, 'user.password-reset', null, (user) => {
      user.passwordHash = passwordHash;
      user.mustChangePassword = true;
    });
    return password;
  }

  async changeOwnPassword(id: string, password: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw invalid('PASSWORD_TOO_SHORT', `A password needs ${MIN_PASSWORD_LENGTH} characters or more`, {
        min: MIN_PASSWORD_LENGTH,
      });
    }
    const passwordHash = await hashPassword(password);
    await this.change(id, 'user.password-changed', null, (user) => {
      user.passwordHash = passwordHash;
      user.mustChangePassword = false;
    });
  }

  async setLanguage(id: string, language: Language): Promise<void> {
    await this.change(id, 'user.language-changed', null, (user) => (user.language = language));
  }

  /** Not audited as a change of the user: sign-ins are in the log lines. */
  async recordSignIn(id: string): Promise<void> {
    await this.users.update({ id }, { lastSignInAt: new Date() });
  }

  private async change(
    id: string,
    action: string,
    event: UserEvent | null,
    apply: (user: User) => void,
    reason?: string,
  ): Promise<User> {
    return this.work.run(async (tx) => {
      const user = await tx.manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new DomainError('USER_NOT_FOUND', `User ${id} was not found`, HttpStatus.NOT_FOUND, { id });
      const before = auditView(user);
      apply(user);
      await tx.manager.save(user);
      await tx.audit({ action, entityType: 'User', entityId: id, before, after: auditView(user), reason });
      if (event) await publishUser(tx, event, user);
      return user;
    });
  }

  private check(fields: UserFields): void {
    if (!USERNAME.test(fields.username)) {
      throw invalid('USERNAME_INVALID', 'A username is 3-60 lower-case letters, digits, dots, dashes or underscores', {
        field: 'username',
      });
    }
    if (!fields.fullName.trim()) throw invalid('FULL_NAME_REQUIRED', 'A full name is required', { field: 'fullName' });
    if (fields.roles.length === 0)
      throw invalid('ROLES_REQUIRED', 'A user needs at least one role', { field: 'roles' });
  }
}

/** Inserts a user, audited and published in the caller's transaction (the directory and the demo seed). */
export async function insertUser(tx: Tx, fields: UserFields, passwordHash: string, mustChangePassword: boolean) {
  const taken = await tx.manager.findOneBy(User, { username: fields.username });
  if (taken) throw invalid('USERNAME_TAKEN', `The username ${fields.username} is taken`, { field: 'username' });
  const user = await tx.manager.save(tx.manager.create(User, { ...fields, passwordHash, mustChangePassword }));
  await tx.audit({ action: 'user.created', entityType: 'User', entityId: user.id, after: auditView(user) });
  await publishUser(tx, 'console.user-created.v1', user);
  return user;
}

async function publishUser(tx: Tx, type: UserEvent, user: User): Promise<void> {
  await tx.publish(type, {
    userId: user.id,
    username: user.username,
    fullName: user.fullName,
    roles: user.roles,
    kecamatan: user.kecamatan,
    active: user.active,
    changedAt: user.updatedAt.toISOString(),
  });
}
