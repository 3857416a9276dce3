import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SERVICE_NAMES } from '@koperasi/contracts';
import type { TestDatabase } from '@koperasi/testing';
import { dataSourceOptions, MIGRATION_POOL, serviceRoleName, setUpServiceRole } from '@koperasi/platform';
import { freePort, startCity, type City } from '../e2e/support/city';
import { failReactivation, registerCooperative, runEvaluation } from '../e2e/support/lifecycle';
import { asRole, DEFINITIONS, startPgBouncer, type RunningPgBouncer } from './pgbouncer';

async function rows<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('the services behind PgBouncer in transaction mode, one role per service', () => {
  let bouncer: RunningPgBouncer;
  let city: City;
  let database: TestDatabase;

  beforeAll(async () => {
    bouncer = await startPgBouncer(await freePort());
    city = await startCity({
      // Empty schemas owned by the roles: the services migrate them from scratch over the direct URL.
      prepareDatabase: async (fresh) => {
        database = fresh;
        for (const definition of Object.values(DEFINITIONS)) {
          await rows(fresh.url, `DROP SCHEMA "${definition.schema}" CASCADE`);
          await setUpServiceRole(definition, fresh.url);
        }
      },
      readyTimeoutMs: 150_000,
      serviceDatabaseUrl: (url, service) => asRole(url, service, bouncer.port),
      databaseEnv: (url, service) => ({
        MIGRATION_DATABASE_URL: asRole(url, service),
        // A second pool for lists and reports; here the same primary, through the pooler too.
        DATABASE_READ_URL: asRole(url, service, bouncer.port),
        // PgBouncer 1.18 cannot carry a named prepared statement from one transaction to the next.
        DATABASE_PREPARED_STATEMENTS: 'false',
      }),
    });
  }, 180_000);

  afterAll(async () => {
    await city?.close();
    await bouncer?.stop();
  });

  it('migrated each schema over the direct connection as its role, which owns every table', async () => {
    for (const service of SERVICE_NAMES) {
      const definition = DEFINITIONS[service];
      const applied = await rows<{ count: string }>(
        database.url,
        `SELECT count(*) FROM "${definition.schema}".migrations`,
      );
      expect(Number(applied[0].count)).toBe((definition.migrations as unknown[]).length);
      const owners = await rows<{ tableowner: string }>(
        database.url,
        `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = '${definition.schema}'`,
      );
      expect(owners).toEqual([{ tableowner: serviceRoleName(definition) }]);
    }
    expect(await rows(database.url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);
  });

  it('gives each role its search path and timeouts through the pooler, without startup options', async () => {
    for (const service of SERVICE_NAMES) {
      const [settings] = await rows<Record<string, string>>(
        asRole(database.url, service, bouncer.port),
        `SELECT current_schema() AS schema, current_setting('statement_timeout') AS statement,
                current_setting('idle_in_transaction_session_timeout') AS idle`,
      );
      expect(settings).toEqual({ schema: DEFINITIONS[service].schema, statement: '30s', idle: '1min' });
    }
  });

  it('refuses the shared-user mode through the pooler instead of losing its search path', async () => {
    const shared = new URL(database.url);
    shared.hostname = '127.0.0.1';
    shared.port = String(bouncer.port);
    const dataSource = new DataSource(dataSourceOptions(DEFINITIONS.registry, shared.toString(), MIGRATION_POOL));
    await expect(dataSource.initialize()).rejects.toThrow(/unsupported startup parameter: options/);
  });

  it('runs the reactivation and dissolution flow, each service writing only its own schema', async () => {
    const lapsed = await registerCooperative(city, 'Lewat Pooler', [2018]);
    await registerCooperative(city, 'Rajin Pooler', [2021, 2022]);
    const run = await runEvaluation(city);
    expect(run.outcomes.becameInactive).toBe(1);
    const proceeding = await failReactivation(city, lapsed);
    expect(proceeding.cooperativeId).toBe(lapsed);

    // Tables of the same name in every schema hold only their own service's rows.
    for (const service of SERVICE_NAMES) {
      const schema = DEFINITIONS[service].schema;
      const outbox = await rows<{ type: string }>(database.url, `SELECT DISTINCT type FROM "${schema}".outbox`);
      if (service !== 'dissolution') expect(outbox.length).toBeGreaterThan(0);
      for (const { type } of outbox) expect(type.startsWith(`${service}.`)).toBe(true);
      const consumers = await rows<{ consumer: string }>(
        database.url,
        `SELECT DISTINCT consumer FROM "${schema}".processed_events`,
      );
      for (const { consumer } of consumers) expect(consumer.startsWith(service)).toBe(true);
    }
    const mentoringConsumed = await rows(database.url, `SELECT 1 FROM mentoring.processed_events`);
    const dissolutionConsumed = await rows(database.url, `SELECT 1 FROM dissolution.processed_events`);
    expect(mentoringConsumed.length).toBeGreaterThan(0);
    expect(dissolutionConsumed.length).toBeGreaterThan(0);
  });

  it('met no session-state error on the way', () => {
    for (const service of SERVICE_NAMES) {
      expect(city.output(service)).not.toMatch(
        /prepared statement|advisory lock|search_path|unsupported startup parameter|"level":50/,
      );
    }
  });
});
