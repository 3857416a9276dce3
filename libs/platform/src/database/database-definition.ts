import type { MixedList } from 'typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { ConstraintMeanings } from '../http/database-errors';
import { PLATFORM_ENTITIES } from './platform-entities';
import { QueryLogger } from './query-logger';

/** What a service declares about its persistence: its schema, entities and migrations. */
export interface DatabaseDefinition {
  schema: string;
  // TypeORM's own option types for these lists.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  /** What the schema's unique and check constraints mean, answered instead of their names. */
  constraints?: ConstraintMeanings;
}

/** Size and limits of a connection pool; a limit of 0 means none (migrations). */
export interface PoolSettings {
  size: number;
  /** Longest a statement may run before PostgreSQL cancels it. */
  statementTimeoutMs: number;
  /** Longest a transaction may sit idle before PostgreSQL ends its session. */
  idleInTransactionTimeoutMs: number;
}

/** One connection without timeouts: migrations and one-off scripts. */
export const MIGRATION_POOL: PoolSettings = { size: 1, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 };

/** The pool a service runs with, from its settings. */
export function poolSettingsOf(env: {
  DATABASE_POOL_SIZE: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
}): PoolSettings {
  return {
    size: env.DATABASE_POOL_SIZE,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

export function dataSourceOptions(
  definition: DatabaseDefinition,
  url: string,
  pool: PoolSettings = { size: 10, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 },
): DataSourceOptions {
  const sessionSettings = [
    // Raw SQL in a service resolves unqualified names in its own schema only.
    `search_path=${definition.schema}`,
    `statement_timeout=${pool.statementTimeoutMs}`,
    `idle_in_transaction_session_timeout=${pool.idleInTransactionTimeoutMs}`,
  ];
  return {
    type: 'postgres',
    url,
    schema: definition.schema,
    entities: [...PLATFORM_ENTITIES, ...(definition.entities as [])],
    migrations: definition.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: ['error'],
    logger: new QueryLogger(),
    extra: {
      max: pool.size,
      options: sessionSettings.map((setting) => `-c ${setting}`).join(' '),
      application_name: `koperasi-${definition.schema}`,
    },
  };
}

/**
 * Creates the schema and runs pending migrations under an advisory lock, so several replicas
 * starting together migrate once.
 */
export async function migrate(definition: DatabaseDefinition, url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(definition, url, MIGRATION_POOL));
  await dataSource.initialize();
  try {
    const lockKey = `migrations:${definition.schema}`;
    await dataSource.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    try {
      await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${definition.schema}"`);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
  } finally {
    await dataSource.destroy();
  }
}

/** SQL that would bring the schema in line with the entities; empty when migrations agree. */
export async function pendingSchemaChanges(definition: DatabaseDefinition, url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(definition, url, MIGRATION_POOL));
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
}
