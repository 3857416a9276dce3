import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { TEST_JWT_SECRET } from '@koperasi/testing';
import { freePort } from '../e2e/support/city';
import { narrate, startFaultCity, type FaultCity } from './support/fault-city';
import { dismissDeadLetter, openDeadLetter, retryDeadLetter } from './support/operator';
import { poll, registerMany } from './support/workload';

const ROOT = path.resolve(__dirname, '../..');
const DEFAULT_SECRET = 'development-secret-change-me';

/** Starts a registry process in production mode; answers its exit code, or 'running' after 20 s. */
async function productionBoot(city: FaultCity, jwtSecret: string | undefined): Promise<number | 'running'> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(await freePort()),
    DATABASE_URL: city.database.url,
    REDIS_URL: city.redis.url,
    QUEUE_PREFIX: city.prefix,
    LOG_LEVEL: 'silent',
  };
  if (jwtSecret === undefined) delete env.JWT_SECRET;
  else env.JWT_SECRET = jwtSecret;
  const child = spawn(
    process.execPath,
    ['-r', path.join(ROOT, 'scripts/register-paths.cjs'), path.join(ROOT, 'dist/apps/registry/src/main.js')],
    { env, stdio: 'ignore' },
  );
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  const outcome = await Promise.race([exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 20_000))]);
  if (outcome === 'running') {
    child.kill('SIGKILL');
    await exited;
  }
  return outcome;
}

describe('forged and tampered input', () => {
  let city: FaultCity;
  beforeAll(async () => {
    city = await startFaultCity();
  });
  afterAll(() => city?.shutdown());

  it('7 a forged job on an inbox queue is not applied; a tampered genuine job neither', async () => {
    await registerMany(city, 1, 'genuine');
    const [genuine] = await city.sql<{
      type: string;
      envelope: Record<string, unknown> & { data: Record<string, unknown> };
    }>(
      `SELECT type, envelope FROM registry.outbox WHERE type = 'registry.cooperative-registered.v1' ORDER BY id DESC LIMIT 1`,
    );
    const forged = {
      ...genuine.envelope,
      eventId: randomUUID(),
      data: { ...genuine.envelope.data, cooperativeId: randomUUID(), name: 'Koperasi Palsu' },
    };
    await city.inbox('mentoring').add(genuine.type, forged, { jobId: forged.eventId as string });

    await city.stop('mentoring');
    await registerMany(city, 1, 'tampered');
    const waiting = await poll(async () => (await city.inbox('mentoring').getWaiting())[0]);
    await waiting!.updateData({ ...waiting!.data, data: { ...waiting!.data.data, name: 'Koperasi Diubah' } });
    narrate('7 forged jobs', 'added a forged registration and altered a genuine one waiting in mentoring-inbox');
    await city.start('mentoring');

    // Both end as BAD_SIGNATURE dead letters. The operator retries them: mentoring asks registry
    // to send each event again from its outbox; registry has the genuine one and not the forged one.
    const tamperedId = waiting!.data.eventId as string;
    const tampered = await openDeadLetter(city, 'mentoring', tamperedId, 'BAD_SIGNATURE');
    const forgery = await openDeadLetter(city, 'mentoring', forged.eventId as string, 'BAD_SIGNATURE');
    expect([tampered, forgery].every(Boolean)).toBe(true);
    expect((await retryDeadLetter(city, 'mentoring', tampered!.id)).status).toBe(202);
    expect((await retryDeadLetter(city, 'mentoring', forgery!.id)).status).toBe(202);
    const unknown = await openDeadLetter(city, 'mentoring', forged.eventId as string, 'UNKNOWN_TO_PRODUCER');
    expect(unknown).toBeDefined();
    const refused = await retryDeadLetter(city, 'mentoring', unknown!.id);
    expect([refused.status, refused.body.error?.code]).toEqual([422, 'DEAD_LETTER_NOT_RETRYABLE']);
    expect((await dismissDeadLetter(city, 'mentoring', unknown!.id, 'Forged job on mentoring-inbox')).status).toBe(200);
    narrate(
      '7 forged jobs',
      'as admin: retried both; registry re-published the genuine event, refused the forged id (retry 422, dismissed)',
    );

    expect(await city.invariants()).toEqual([]);
    const applied = await city.sql(
      `SELECT 1 FROM mentoring.cooperatives WHERE name IN ('Koperasi Palsu', 'Koperasi Diubah')`,
    );
    expect(applied).toHaveLength(0);
    const [genuineName] = await city.sql<{ name: string }>(
      `SELECT m.name FROM mentoring.cooperatives m JOIN registry.outbox o ON o.envelope->'data'->>'cooperativeId' = m.id
       WHERE o.event_id = $1`,
      [tamperedId],
    );
    expect(genuineName?.name).toMatch(/^Koperasi tampered /);
    narrate(
      '7 forged jobs',
      'checked: neither altered nor forged data applied, the genuine event applied once, invariants hold',
    );
  });

  it('7 tokens without exp, with a numeric sub, or signed with another secret are refused', async () => {
    const url = `${city.urls.registry}/cooperatives?limit=1`;
    const call = async (token: string) => (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status;
    const claims = { name: 'Rina', roles: ['registrar'] };
    const noExp = await call(jwt.sign({ ...claims, sub: 'registrar-1' }, TEST_JWT_SECRET, { algorithm: 'HS256' }));
    const numericSub = await call(jwt.sign({ ...claims, sub: 42 }, TEST_JWT_SECRET, { expiresIn: 600 }));
    const defaultSecret = await call(jwt.sign({ ...claims, sub: 'registrar-1' }, DEFAULT_SECRET, { expiresIn: 600 }));
    narrate('7 tokens', `no exp -> ${noExp}, numeric sub -> ${numericSub}, default secret -> ${defaultSecret}`);
    expect([noExp, numericSub, defaultSecret]).toEqual([401, 401, 401]);
  });

  it('7 in production a service refuses to start without a secret or with the default one', async () => {
    const missing = await productionBoot(city, undefined);
    const publicDefault = await productionBoot(city, DEFAULT_SECRET);
    narrate('7 production secret', `no JWT_SECRET -> ${missing}, the default secret -> ${publicDefault}`);
    expect(missing).not.toBe('running');
    expect(missing).not.toBe(0);
    expect(publicDefault).not.toBe('running');
    expect(publicDefault).not.toBe(0);
  });
});
