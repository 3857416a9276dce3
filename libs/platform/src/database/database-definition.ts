import type { MixedList } from 'typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
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
}

export function dataSourceOptions(definition: DatabaseDefinition, url: string, poolSize = 10): DataSourceOptions {
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
      max: poolSize,
      // Raw SQL in a service resolves unqualified names in its own schema only.
      options: `-c search_path=${definition.schema}`,
      application_name: `koperasi-${definition.schema}`,
    },
  };
}

/**
 * Creates the schema and runs pending migrations under an advisory lock, so several replicas
 * starting together migrate once.
 */
export async function migrate(definition: DatabaseDefinition, url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(definition, url, 1));
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
  const dataSource = new DataSource(dataSourceOptions(definition, url, 1));
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
}
