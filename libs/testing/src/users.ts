import type { EventData } from '@koperasi/contracts';

export type UserSnapshot = EventData<'console.user-created.v1'>;

/** A console user as the directory's events carry it: an active officer in Pahandut unless told otherwise. */
export function directoryUser(userId: string, overrides: Partial<UserSnapshot> = {}): UserSnapshot {
  return {
    userId,
    username: userId,
    fullName: `User ${userId}`,
    roles: ['officer'],
    kecamatan: 'Pahandut',
    active: true,
    changedAt: new Date().toISOString(),
    ...overrides,
  };
}
