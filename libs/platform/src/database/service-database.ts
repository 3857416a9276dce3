import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import {
  connectsAsServiceRole,
  type DatabaseDefinition,
  dataSourceOptions,
  openServiceDataSource,
  poolSettingsOf,
} from './database-definition';
import { migrate } from './migrate';

type DatabaseEnv = Pick<
  BaseEnv,
  | 'DATABASE_URL'
  | 'MIGRATION_DATABASE_URL'
  | 'DATABASE_READ_URL'
  | 'DATABASE_POOL_SIZE'
  | 'DATABASE_CONNECT_TIMEOUT_MS'
  | 'DATABASE_STATEMENT_TIMEOUT_MS'
  | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'
>;

/**
 * Migrates over the direct connection, then answers the options of the service's pool. A pool
 * that signs in as the service's role gets its timeouts from the role (written here), since a
 * transaction pooler drops startup options.
 */
export async function prepareServiceDatabase(definition: DatabaseDefinition, env: DatabaseEnv) {
  const pool = poolSettingsOf(env);
  await migrate(definition, env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL, {
    roleTimeouts: connectsAsServiceRole(definition, env.DATABASE_URL) ? pool : undefined,
  });
  return dataSourceOptions(definition, env.DATABASE_URL, pool);
}

/** The TypeORM module's factories for a service's primary data source. */
export function serviceDataSourceFactories(definition: DatabaseDefinition) {
  return {
    inject: [SERVICE_CONFIG],
    useFactory: (env: DatabaseEnv) => prepareServiceDatabase(definition, env),
    dataSourceFactory: (options?: DataSourceOptions) => openServiceDataSource(definition, options!),
  };
}

/**
 * Where the queue lists and counts and the reports read: a read replica where DATABASE_READ_URL
 * is set (a few seconds behind the primary at most), else the primary itself.
 */
export class ReadDatabase implements OnApplicationShutdown {
  constructor(
    readonly dataSource: DataSource,
    private readonly ownPool: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.ownPool && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export function readDatabaseProvider(definition: DatabaseDefinition): Provider {
  return {
    provide: ReadDatabase,
    inject: [SERVICE_CONFIG, DataSource],
    useFactory: async (env: DatabaseEnv, primary: DataSource) =>
      env.DATABASE_READ_URL
        ? new ReadDatabase(
            await openServiceDataSource(
              definition,
              dataSourceOptions(definition, env.DATABASE_READ_URL, poolSettingsOf(env)),
            ),
            true,
          )
        : new ReadDatabase(primary, false),
  };
}
