import { Client } from 'pg';
import { SERVICE_NAMES } from '@koperasi/contracts';
import { setUpServiceRole } from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import { attachRedisCluster, type RedisClusterHandle } from '../../scripts/cluster/redis-cluster.cjs';
import { freePort } from '../e2e/support/city';
import {
  expectDemoFigures,
  expectDemoQueueTabs,
  expectDemoReactivationReport,
  seedDemoCity,
} from '../e2e/support/demo-city-figures';
import { registerCooperative, registrar } from '../e2e/support/lifecycle';
import { asRole, DEFINITIONS, startPgBouncer, type RunningPgBouncer } from '../pooler/pgbouncer';
import { keysOn, masterOf } from './support/cluster-keys';
import { REDIS_CLUSTER_STATE_ENV } from './support/cluster-global-setup';
import { startReplicatedCity, type ReplicatedCity } from './support/replicated-city';

/** The wave of the failover scenario: cooperatives whose last RAT is long past, evaluated for this year. */
const WAVE_COOPERATIVES = 120;
const WAVE_FISCAL_YEAR = 2025;

describe('two replicas of every service on a Redis Cluster, through PgBouncer in transaction mode', () => {
  let cluster: RedisClusterHandle;
  let bouncer: RunningPgBouncer;
  let city: ReplicatedCity;
  let db: Client;
  const sql = async <T>(text: string, params?: unknown[]) => (await db.query(text, params)).rows as T[];

  beforeAll(async () => {
    cluster = attachRedisCluster(process.env[REDIS_CLUSTER_STATE_ENV]!);
    bouncer = await startPgBouncer(await freePort());
    city = await startReplicatedCity({
      replicas: 2,
      // Small evaluation chunks: the wave is many chunk jobs, which both registry replicas take.
      env: { REDIS_EPOCH_CHECK_INTERVAL_MS: '1000', EVALUATION_CHUNK_SIZE: '25' },
      // The template's schemas are handed to the services' roles, who then sign in through the pooler.
      prepareDatabase: async (database) => {
        for (const definition of Object.values(DEFINITIONS)) await setUpServiceRole(definition, database.url);
      },
      serviceEnv: (service, database) => ({
        DATABASE_URL: asRole(database.url, service, bouncer.port),
        MIGRATION_DATABASE_URL: asRole(database.url, service),
        // PgBouncer 1.18 cannot carry a named prepared statement from one transaction to the next.
        DATABASE_PREPARED_STATEMENTS: 'false',
      }),
    });
    db = new Client({ connectionString: city.database.url });
    await db.connect();
    await seedDemoCity(city.urls);
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await city?.close();
    await bouncer?.stop();
  });

  it('reads exactly as the demo city is published', async () => {
    await expectDemoFigures(city.urls);
    await expectDemoQueueTabs(city.urls);
    await expectDemoReactivationReport(city.urls);
  });

  it('served the seed from both replicas of every service', () => {
    for (const service of SERVICE_NAMES) {
      const served = city.proxies[service].served();
      expect(served).toHaveLength(2);
      expect(Math.min(...served)).toBeGreaterThan(0);
    }
  });

  it("keeps each queue's keys in one slot and spreads the queues over at least two masters", async () => {
    const keys = (await Promise.all((await cluster.masters()).map((port) => keysOn(port, city.prefix)))).flat();
    const slotsByQueue = new Map<string, Set<number>>();
    for (const { key, slot } of keys) {
      const queue = /^[^:]+:\{([^}]+)\}:/.exec(key)?.[1];
      if (!queue) continue;
      slotsByQueue.set(queue, (slotsByQueue.get(queue) ?? new Set()).add(slot));
    }
    expect(slotsByQueue.size).toBeGreaterThanOrEqual(3);
    for (const slots of slotsByQueue.values()) expect(slots.size).toBe(1);
    const masters = new Set(
      await Promise.all([...slotsByQueue.values()].map((slots) => masterOf(cluster, [...slots][0]))),
    );
    expect(masters.size).toBeGreaterThanOrEqual(2);
  });

  it("left no dead letter, no failed deadline, no duplicated effect, and applied every cooperative's changes in order", async () => {
    for (const service of SERVICE_NAMES) {
      expect(await sql(`SELECT error_code, event_type FROM ${service}.dead_letters`)).toEqual([]);
      expect(await sql(`SELECT kind, subject_id FROM ${service}.deadlines WHERE state = 'FAILED'`)).toEqual([]);
    }
    expect(
      await sql(`SELECT cooperative_id FROM mentoring.cases WHERE status <> 'CLOSED' AND type = 'REACTIVATION'
                 GROUP BY cooperative_id HAVING count(*) > 1`),
    ).toEqual([]);
    expect(
      await sql(`SELECT cooperative_id FROM dissolution.proceedings WHERE closed_at IS NULL
                 GROUP BY cooperative_id HAVING count(*) > 1`),
    ).toEqual([]);
    // Every read model ends where the registry is: a cooperative's events were not applied out of order.
    expect(
      await sql(`SELECT r.id, r.status, m.status AS mentoring, d.status AS dissolution
                 FROM registry.cooperatives r
                 LEFT JOIN mentoring.cooperatives m ON m.id = r.id::text
                 LEFT JOIN dissolution.cooperatives d ON d.cooperative_id = r.id::text
                 WHERE m.status IS DISTINCT FROM r.status OR d.status IS DISTINCT FROM r.status`),
    ).toEqual([]);
    // And on the way there: mentoring took each cooperative's status changes one after another
    // in the registry's order (a later change applied first would show as an earlier received_at).
    const [{ withSeveral }] = await sql<{ withSeveral: number }>(`SELECT count(*)::int AS "withSeveral" FROM (
      SELECT cooperative_id FROM registry.status_history WHERE from_status IS NOT NULL
      GROUP BY 1 HAVING count(*) > 1) several`);
    expect(withSeveral).toBeGreaterThan(0);
    expect(
      await sql(`WITH registry AS (
                   SELECT h.cooperative_id::text AS cooperative, string_agg(h.to_status, ' > ' ORDER BY h.at, h.id) AS changes
                   FROM registry.status_history h WHERE h.from_status IS NOT NULL GROUP BY 1),
                 mentoring AS (
                   SELECT t.cooperative_id AS cooperative,
                          string_agg(t.to_status, ' > ' ORDER BY t.received_at, t.changed_at) AS changes
                   FROM mentoring.cooperative_status_transitions t GROUP BY 1)
                 SELECT cooperative, r.changes AS registry, m.changes AS mentoring
                 FROM registry r FULL JOIN mentoring m USING (cooperative)
                 WHERE m.changes IS DISTINCT FROM r.changes`),
    ).toEqual([]);
  });

  it('opens every reactivation case exactly once when the master of the mentoring inbox fails mid-wave', async () => {
    const wave: string[] = [];
    for (let index = 0; index < WAVE_COOPERATIVES; index += 10) {
      wave.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, offset) => registerCooperative(city, `Gelombang ${index + offset}`, [2019])),
        )),
      );
    }
    const [{ slot }] = (await Promise.all((await cluster.masters()).map((port) => keysOn(port, city.prefix))))
      .flat()
      .filter(({ key }) => key.includes('{mentoring-inbox}'));
    const victim = await masterOf(cluster, slot);

    const started = await registrar.post(`${city.urls.registry}/evaluations`, { fiscalYear: WAVE_FISCAL_YEAR });
    expect(started.status).toBe(202);
    await eventually(
      async () =>
        (await sql(`SELECT 1 FROM registry.status_history WHERE evaluation_run_id = $1 LIMIT 1`, [started.body.id]))
          .length > 0,
      'the wave to start',
      120_000,
    );
    await cluster.kill(victim);
    try {
      await cluster.waitForFailover(victim);

      const run = await eventually(
        async () => {
          const found = await registrar.get(`${city.urls.registry}/evaluations/${started.body.id}`);
          return found.body.state === 'COMPLETED' && found.body;
        },
        'the evaluation to complete',
        300_000,
      );
      const changed = await sql<{ cooperative_id: string }>(
        `SELECT cooperative_id FROM registry.status_history WHERE evaluation_run_id = $1`,
        [started.body.id],
      );
      expect(run.outcomes.becameInactive).toBe(changed.length);
      expect(changed.map((row) => row.cooperative_id)).toEqual(expect.arrayContaining(wave));
      const opened = async () =>
        sql<{ cooperative_id: string; cases: number }>(
          `SELECT cooperative_id, count(*)::int AS cases FROM mentoring.cases
           WHERE type = 'REACTIVATION' AND opened_at >= $2 AND cooperative_id = ANY($1::varchar[])
           GROUP BY cooperative_id`,
          [changed.map((row) => row.cooperative_id), run.startedAt],
        );
      await eventually(async () => (await opened()).length === changed.length, 'every reactivation case', 300_000);
      expect((await opened()).filter((row) => row.cases !== 1)).toEqual([]);
    } finally {
      // The next file fails a master over too: the cluster must have its six nodes again.
      await cluster.restart(victim);
      await cluster.waitUntilOk();
      await eventually(async () => (await cluster.masters()).length === 3, 'the old master to rejoin as a replica');
    }
  }, 900_000);
});
