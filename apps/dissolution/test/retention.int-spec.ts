import { randomUUID } from 'node:crypto';
import { eventually } from '@koperasi/testing';
import { startDissolution, type DissolutionFixture } from './dissolution-fixture';

describe('retention on its schedule (idempotency records, published events)', () => {
  let fx: DissolutionFixture;

  beforeAll(async () => {
    // Every replica ticks four times a period; one run per period across them.
    process.env.PRUNE_INTERVAL_MS = '1000';
    fx = await startDissolution();
  });

  afterAll(async () => {
    delete process.env.PRUNE_INTERVAL_MS;
    await fx?.close();
  });

  const count = async (sql: string, params: unknown[]) => (await fx.dataSource.query(sql, params))[0].n as number;

  it('deletes idempotency records and published events past their retention, keeping recent ones', async () => {
    const oldKey = `old-${randomUUID()}`;
    const recentKey = `recent-${randomUUID()}`;
    await fx.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, route, response_status, response_body, created_at)
       VALUES ('officer-1', $1, 'POST /proceedings', 201, '{}', now() - interval '8 days'),
              ('officer-1', $2, 'POST /proceedings', 201, '{}', now() - interval '6 days')`,
      [oldKey, recentKey],
    );
    const oldEvent = randomUUID();
    await fx.dataSource.query(
      `INSERT INTO outbox (event_id, type, envelope, published_at) VALUES ($1, 'dissolution.sample.v1', '{}', now() - interval '8 days')`,
      [oldEvent],
    );

    await eventually(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [oldKey])) === 0 &&
        (await count(`SELECT count(*)::int AS n FROM outbox WHERE event_id = $1`, [oldEvent])) === 0,
      'the scheduled prune',
    );
    expect(await count(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [recentKey])).toBe(1);
    const [{ runs }] = await fx.dataSource.query(
      `SELECT count(*)::int AS runs FROM periodic_runs WHERE name = 'retention-prune'`,
    );
    expect(runs).toBe(1);
  });
});
