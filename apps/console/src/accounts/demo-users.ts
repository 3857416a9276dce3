import { DataSource, In } from 'typeorm';
import type { Role } from '@koperasi/contracts';
import { dataSourceOptions, MIGRATION_POOL, Tx } from '@koperasi/platform';
import { consoleDatabase } from '../console.database';
import { hashPassword, temporaryPassword } from './passwords';
import { User } from './user.entity';
import { insertUser, type UserFields } from './users.service';

/** The demo office: officers over the five kecamatan, two supervisors, a manager, a registrar, an admin. */
export const DEMO_USERS: UserFields[] = [
  { username: 'budi.santoso', fullName: 'Budi Santoso', roles: ['officer'], kecamatan: 'Pahandut', email: null },
  { username: 'siti.rahmawati', fullName: 'Siti Rahmawati', roles: ['officer'], kecamatan: 'Jekan Raya', email: null },
  { username: 'agus.setiawan', fullName: 'Agus Setiawan', roles: ['officer'], kecamatan: 'Sabangau', email: null },
  { username: 'dewi.lestari', fullName: 'Dewi Lestari', roles: ['officer'], kecamatan: 'Bukit Batu', email: null },
  { username: 'yohanes.ngabut', fullName: 'Yohanes Ngabut', roles: ['officer'], kecamatan: 'Rakumpit', email: null },
  { username: 'hendra.wijaya', fullName: 'Hendra Wijaya', roles: ['supervisor'], kecamatan: null, email: null },
  { username: 'maria.simanjuntak', fullName: 'Maria Simanjuntak', roles: ['supervisor'], kecamatan: null, email: null },
  { username: 'suryani.halim', fullName: 'Suryani Halim', roles: ['manager'], kecamatan: null, email: null },
  { username: 'fajar.nugroho', fullName: 'Fajar Nugroho', roles: ['registrar'], kecamatan: null, email: null },
  { username: 'admin', fullName: 'Administrator Sistem', roles: ['admin'], kecamatan: null, email: null },
];

export interface DemoAccount {
  username: string;
  fullName: string;
  roles: Role[];
  kecamatan: string | null;
  password: string;
  id: string;
}

/**
 * On an empty directory, creates the demo users (each published as a user event through the
 * outbox, which the console's relay delivers once it runs) and answers their passwords, to be
 * printed once; answers null when users exist.
 */
export async function seedDemoUsers(databaseUrl: string, password?: (fields: UserFields) => string) {
  const dataSource = await new DataSource(dataSourceOptions(consoleDatabase, databaseUrl, MIGRATION_POOL)).initialize();
  try {
    if ((await dataSource.getRepository(User).count()) > 0) return null;
    const accounts: DemoAccount[] = [];
    for (const fields of DEMO_USERS) {
      const chosen = password?.(fields) ?? temporaryPassword();
      const hash = await hashPassword(chosen);
      const user = await dataSource.transaction((manager) => insertUser(new Tx(manager), fields, hash, false));
      accounts.push({ ...fields, password: chosen, id: user.id });
    }
    return accounts;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The demo users already in the directory (active ones, without passwords): who finishes a demo
 * seed that an earlier start left half done.
 */
export async function existingDemoUsers(databaseUrl: string): Promise<Omit<DemoAccount, 'password'>[]> {
  const dataSource = await new DataSource(dataSourceOptions(consoleDatabase, databaseUrl, MIGRATION_POOL)).initialize();
  try {
    const users = await dataSource.getRepository(User).findBy({
      username: In(DEMO_USERS.map((fields) => fields.username)),
      active: true,
    });
    return users.map(({ id, username, fullName, roles, kecamatan }) => ({ id, username, fullName, roles, kecamatan }));
  } finally {
    await dataSource.destroy();
  }
}
