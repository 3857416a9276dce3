import type { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
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
  /** Extensions its migrations use, installed in `public` by the role setup (a superuser's step). */
  extensions?: string[];
}

/** Size and limits of a connection pool; a limit of 0 means none (migrations). */
export interface PoolSettings {
  size: number;
  /** Longest the pool waits for a new connection before the query fails. */
  connectTimeoutMs: number;
  /** Longest a statement may run before PostgreSQL cancels it. */
  statementTimeoutMs: number;
  /** Longest a transaction may sit idle before PostgreSQL ends its session. */
  idleInTransactionTimeoutMs: number;
}

/** One connection without timeouts: migrations and one-off scripts. */
export const MIGRATION_POOL: PoolSettings = {
  size: 1,
  connectTimeoutMs: 10_000,
  statementTimeoutMs: 0,
  idleInTransactionTimeoutMs: 0,
};

/** The pool a service runs with, from its settings. */
export function poolSettingsOf(env: {
  DATABASE_POOL_SIZE: number;
  DATABASE_CONNECT_TIMEOUT_MS: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
}): PoolSettings {
  return {
    size: env.DATABASE_POOL_SIZE,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

/** The database role a service runs as behind a pooler: its `search_path` and timeouts are set on the role. */
export function serviceRoleName(definition: Pick<DatabaseDefinition, 'schema'>): string {
  return `koperasi_${definition.schema}`;
}

/**
 * Whether `url` signs in as the service's own role. Then nothing is sent as a startup option
 * (a transaction pooler drops those): the role carries the search path and the timeouts.
 * Any other user is the shared-user mode, which works on a direct connection only.
 */
export function connectsAsServiceRole(definition: Pick<DatabaseDefinition, 'schema'>, url: string): boolean {
  return decodeURIComponent(new URL(url).username) === serviceRoleName(definition);
}

const connections = new Logger('DatabaseConnection');

/**
 * A connection the server ends while the pool has it checked out (backends terminated, a
 * failover) emits 'error' with no listener of the pool's attached, which would end the process.
 * Heard here, it is logged; the query in flight fails on its own and its work is retried.
 */
function listenForConnectionErrors(client: EventEmitter): void {
  client.on('error', (error: Error & { code?: string }) =>
    connections.warn({ code: error.code, message: error.message }, 'A database connection was closed by the server'),
  );
}

export function dataSourceOptions(
  definition: DatabaseDefinition,
  url: string,
  pool: PoolSettings = {
    size: 10,
    connectTimeoutMs: 5_000,
    statementTimeoutMs: 30_000,
    idleInTransactionTimeoutMs: 60_000,
  },
): DataSourceOptions {
  const sessionSettings = [
    // Raw SQL in a service resolves unqualified names in its own schema only.
    `search_path=${definition.schema}`,
    `statement_timeout=${pool.statementTimeoutMs}`,
    `idle_in_transaction_session_timeout=${pool.idleInTransactionTimeoutMs}`,
  ];
  const startupOptions = connectsAsServiceRole(definition, url)
    ? {}
    : { options: sessionSettings.map((setting) => `-c ${setting}`).join(' ') };
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
      connectionTimeoutMillis: pool.connectTimeoutMs,
      ...startupOptions,
      application_name: `koperasi-${definition.schema}`,
      onConnect: listenForConnectionErrors,
    },
  };
}

/**
 * Opens a service's pool and checks that its sessions resolve names in the service's schema: a
 * role without its `search_path` (or a pooler mixing users) would otherwise write into `public`
 * or into another service's tables of the same name.
 */
export async function openServiceDataSource(definition: DatabaseDefinition, options: DataSourceOptions) {
  const dataSource = await new DataSource(options).initialize();
  const [{ schema }] = (await dataSource.query('SELECT current_schema() AS schema')) as { schema: string | null }[];
  if (schema !== definition.schema) {
    await dataSource.destroy();
    throw new Error(
      `The database sessions of ${definition.schema} resolve names in "${schema}", not "${definition.schema}": ` +
        `run the role setup (npm run db:roles, docs/database-roles.md) or connect as ${serviceRoleName(definition)}`,
    );
  }
  return dataSource;
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
