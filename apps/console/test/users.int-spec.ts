import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkEventData } from '@koperasi/contracts';
import { DomainError } from '@koperasi/platform';
import {
  createTestDatabase,
  flushPrefix,
  startTestApp,
  testQueuePrefix,
  useTestEnvironment,
  type TestDatabase,
} from '@koperasi/testing';
import { SignInService } from '../src/accounts/sign-in.service';
import { UsersService } from '../src/accounts/users.service';
import { ConsoleModule } from '../src/console.module';

describe('the user directory and sign-in (real PostgreSQL and Redis)', () => {
  let database: TestDatabase;
  let prefix: string;
  let app: INestApplication;
  let users: UsersService;
  let signIns: SignInService;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    prefix = testQueuePrefix();
    useTestEnvironment({
      databaseUrl: database.url,
      queuePrefix: prefix,
      extra: { SIGN_IN_SLOW_AFTER: '100', SIGN_IN_LOCK_AFTER: '3', SIGN_IN_LOCK_MINUTES: '1' },
    });
    app = await startTestApp(ConsoleModule);
    users = app.get(UsersService);
    signIns = app.get(SignInService);
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await flushPrefix(prefix);
    await database?.drop();
  });

  const outboxOf = (userId: string) =>
    db.query(`SELECT type, envelope FROM outbox WHERE envelope->'data'->>'userId' = $1 ORDER BY id`, [userId]);
  const auditOf = (userId: string) =>
    db.query(`SELECT action, reason, after FROM audit_log WHERE entity_id = $1 ORDER BY id`, [userId]);

  it('creates, changes and deactivates a user, each audited and published as a valid user event', async () => {
    const fields = {
      username: 'wulan.sari',
      fullName: 'Wulan Sari',
      email: null,
      roles: ['officer' as const],
      kecamatan: 'Pahandut',
    };
    const { user, password } = await users.create(fields);
    expect(user.mustChangePassword).toBe(true);
    expect(password).toHaveLength(12);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    await users.update(user.id, { ...fields, fullName: 'Wulan Sari Dewi', kecamatan: 'Sabangau' });
    await users.deactivate(user.id, 'Pindah tugas ke provinsi');

    const events = await outboxOf(user.id);
    expect(events.map((row: { type: string }) => row.type)).toEqual([
      'console.user-created.v1',
      'console.user-changed.v1',
      'console.user-deactivated.v1',
    ]);
    for (const row of events) expect(checkEventData(row.type, row.envelope.data).ok).toBe(true);
    expect(events[2].envelope.data).toMatchObject({
      fullName: 'Wulan Sari Dewi',
      kecamatan: 'Sabangau',
      active: false,
    });

    const audit = await auditOf(user.id);
    expect(audit.map((row: { action: string }) => row.action)).toEqual([
      'user.created',
      'user.changed',
      'user.deactivated',
    ]);
    expect(audit[2].reason).toBe('Pindah tugas ke provinsi');
    expect(JSON.stringify(audit)).not.toContain('argon2');
  });

  it('refuses a bad username or a taken one and stores nothing', async () => {
    const fields = { username: 'Bad Name!', fullName: 'X', email: null, roles: ['officer' as const], kecamatan: null };
    await expect(users.create(fields)).rejects.toMatchObject({ code: 'USERNAME_INVALID' });
    await users.create({ ...fields, username: 'taken.name' }, 'kata-sandi-panjang');
    const again = users.create({ ...fields, username: 'taken.name' }, 'kata-sandi-panjang');
    await expect(again).rejects.toBeInstanceOf(DomainError);
    await expect(again).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
    expect(await db.query(`SELECT count(*)::int AS n FROM users WHERE username = 'taken.name'`)).toEqual([{ n: 1 }]);
  });

  it('signs in with the right password, refuses a wrong one, a deactivated user, and locks after repeated failures', async () => {
    const { user } = await users.create(
      { username: 'eko.prasetyo', fullName: 'Eko Prasetyo', email: null, roles: ['supervisor'], kecamatan: null },
      'sandi-eko-benar',
    );
    const ok = await signIns.signIn('Eko.Prasetyo ', 'sandi-eko-benar');
    expect(ok).toMatchObject({ ok: true });
    expect((await users.findById(user.id))!.lastSignInAt).not.toBeNull();

    expect(await signIns.signIn('eko.prasetyo', 'salah-1')).toEqual({ ok: false, reason: 'INVALID' });
    expect(await signIns.signIn('eko.prasetyo', 'salah-2')).toEqual({ ok: false, reason: 'INVALID' });
    expect(await signIns.signIn('eko.prasetyo', 'salah-3')).toMatchObject({ ok: false, reason: 'LOCKED' });
    expect(await signIns.signIn('eko.prasetyo', 'sandi-eko-benar')).toMatchObject({ ok: false, reason: 'LOCKED' });

    const { user: gone } = await users.create(
      { username: 'tono.gone', fullName: 'Tono', email: null, roles: ['officer'], kecamatan: null },
      'sandi-tono-benar',
    );
    await users.deactivate(gone.id, 'Pensiun');
    expect(await signIns.signIn('tono.gone', 'sandi-tono-benar')).toEqual({ ok: false, reason: 'INVALID' });
  });
});
