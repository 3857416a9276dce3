import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, type EventData, type Role } from '@koperasi/contracts';
import { RecentResults } from '../common/recent-results';
import type { Tx } from '../messaging/unit-of-work';
import { inactiveUser, unknownUser, userCannotTakeWork } from './user-errors';
import { KnownUser } from './known-user.entity';

export type UserEventType = 'console.user-created.v1' | 'console.user-changed.v1' | 'console.user-deactivated.v1';

/** Looks up the name to show for a person's id; `recorded` is the name kept when the record was written. */
export type NameOf = (id: string | null | undefined, recorded?: string | null) => string | null;

export interface UserListQuery {
  role?: Role;
  kecamatan?: string;
  includeInactive?: boolean;
}

/**
 * The name shown for a person: the directory's (`directoryName`, when a query joined it), else the
 * name recorded with the write, else the id; the system actor keeps its own name.
 */
export function nameToShow(
  id: string | null | undefined,
  directoryName: string | null | undefined,
  recorded?: string | null,
): string | null {
  if (!id) return null;
  if (id === SYSTEM_ACTOR.id) return directoryName ?? SYSTEM_ACTOR.name ?? id;
  return directoryName ?? recorded ?? id;
}

/**
 * How old the answer of the per-request deactivation check may be (ActiveUserGuard). The replica
 * that applies a deactivation forgets its answer at once; every other replica refuses the user at
 * most this long after the deactivation is committed.
 */
export const ACTIVE_CHECK_MAX_AGE_MS = 1_000;
/** Users whose answer is kept (a few dozen bytes each); the least recently asked goes first. */
const ACTIVE_CHECK_USERS_KEPT = 10_000;

/**
 * This service's copy of the console's user directory: applies the directory's events (newer
 * only), refuses work for unknown or deactivated users, and puts names beside ids.
 */
@Injectable()
export class UserDirectory {
  private readonly deactivated = new RecentResults<boolean>(ACTIVE_CHECK_MAX_AGE_MS, ACTIVE_CHECK_USERS_KEPT);

  constructor(private readonly dataSource: DataSource) {}

  /** Applies a user event unless the row already holds the same or a newer change; audited when applied. */
  async apply(tx: Tx, type: UserEventType, data: EventData<UserEventType>): Promise<boolean> {
    const active = type === 'console.user-deactivated.v1' ? false : data.active;
    const rows: unknown[] = await tx.manager.query(
      `INSERT INTO users (id, username, full_name, roles, kecamatan, active, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, full_name = EXCLUDED.full_name,
         roles = EXCLUDED.roles, kecamatan = EXCLUDED.kecamatan, active = EXCLUDED.active, changed_at = EXCLUDED.changed_at
       WHERE users.changed_at < EXCLUDED.changed_at
       RETURNING id`,
      [data.userId, data.username, data.fullName, data.roles, data.kecamatan, active, data.changedAt],
    );
    if (rows.length === 0) return false;
    this.deactivated.forget(data.userId);
    await tx.audit({
      action: `user.${type.split('.')[1].replace('user-', '')}`,
      entityType: 'User',
      entityId: data.userId,
      after: { ...data, active },
    });
    return true;
  }

  /** The user who is to be given work: known, active and holding one of `roles`, or a 422 saying which is not so. */
  async requireAssignable(manager: EntityManager, userId: string, roles: readonly Role[]): Promise<KnownUser> {
    const user = await manager.findOneBy(KnownUser, { id: userId });
    if (!user) throw unknownUser(userId);
    if (!user.active) throw inactiveUser(userId);
    if (!user.roles.some((role) => roles.includes(role))) throw userCannotTakeWork(userId, user.roles, roles);
    return user;
  }

  /**
   * Whether the directory has deactivated the user, read at most ACTIVE_CHECK_MAX_AGE_MS ago;
   * requests asking together share one read.
   */
  async isDeactivated(userId: string): Promise<boolean> {
    return (await this.deactivated.get(userId, () => this.readDeactivated(userId))).value;
  }

  private async readDeactivated(userId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT active FROM users WHERE id = $1`, [userId]);
    return row !== undefined && row.active === false;
  }

  /**
   * One lookup for the people of an answer. The directory's current name wins; a person it does
   * not know keeps the name recorded with the write (the token's name), else the id itself.
   */
  async namesOf(ids: Iterable<string | null | undefined>): Promise<NameOf> {
    const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
    const rows: { id: string; full_name: string }[] =
      wanted.length === 0
        ? []
        : await this.dataSource.query(`SELECT id, full_name FROM users WHERE id = ANY($1)`, [wanted]);
    const names = new Map(rows.map((row) => [row.id, row.full_name]));
    return (id, recorded) => nameToShow(id, id ? names.get(id) : undefined, recorded);
  }

  list(query: UserListQuery): Promise<KnownUser[]> {
    const qb = this.dataSource.getRepository(KnownUser).createQueryBuilder('u');
    if (!query.includeInactive) qb.andWhere('u.active');
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.kecamatan) qb.andWhere('u.kecamatan = :kecamatan', { kecamatan: query.kecamatan });
    return qb.orderBy('u.full_name', 'ASC').addOrderBy('u.id', 'ASC').getMany();
  }
}
