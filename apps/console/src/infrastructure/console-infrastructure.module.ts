import { BullModule } from '@nestjs/bullmq';
import { Global, Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { INBOX_QUEUES, ROUTING } from '@koperasi/contracts';
import {
  correlationIdOf,
  dataSourceOptions,
  EVENT_JOB_OPTIONS,
  migrate,
  OutboxRelay,
  parseEnvironment,
  pinoOptions,
  poolSettingsOf,
  QueueDirectory,
  redisConnectionFromUrl,
  ROUTING_TABLE,
  SERVICE_CONFIG,
} from '@koperasi/platform';
import { type ConsoleConfig, consoleEnvSchema } from '../config';
import { consoleDatabase } from '../console.database';
import { ConsoleUnitOfWork } from './console-unit-of-work';
import { RedisConnection } from './redis.connection';
import { ShutdownTasks } from './shutdown-tasks';

const configProvider: Provider = {
  provide: SERVICE_CONFIG,
  useFactory: () => parseEnvironment(consoleEnvSchema, process.env),
};

@Global()
@Module({ providers: [configProvider], exports: [configProvider] })
class ConsoleConfigModule {}

/**
 * The platform pieces the console stands on: config, logs, its own schema (migrated at start), and
 * an outbox whose relay puts the user events on the services' inbox queues. The console consumes
 * no events, so it has no inbox and no timers of its own.
 */
@Global()
@Module({
  imports: [
    ConsoleConfigModule,
    ClsModule.forRoot({
      global: true,
      middleware: { mount: true, generateId: true, idGenerator: (request) => correlationIdOf(request) },
    }),
    LoggerModule.forRootAsync({
      inject: [SERVICE_CONFIG],
      useFactory: (env: ConsoleConfig) => pinoOptions('console', env.LOG_LEVEL),
    }),
    TypeOrmModule.forRootAsync({
      inject: [SERVICE_CONFIG],
      useFactory: (env: ConsoleConfig) => dataSourceOptions(consoleDatabase, env.DATABASE_URL, poolSettingsOf(env)),
      dataSourceFactory: async (options) => {
        await migrate(consoleDatabase, (options as { url: string }).url);
        return new DataSource(options!).initialize();
      },
    }),
    BullModule.forRootAsync({
      inject: [SERVICE_CONFIG],
      useFactory: (env: ConsoleConfig) => ({
        connection: { ...redisConnectionFromUrl(env.REDIS_URL), maxRetriesPerRequest: null },
        prefix: env.QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue(
      ...Object.values(INBOX_QUEUES).map((name) => ({ name, defaultJobOptions: EVENT_JOB_OPTIONS })),
    ),
  ],
  providers: [
    QueueDirectory,
    OutboxRelay,
    ConsoleUnitOfWork,
    RedisConnection,
    ShutdownTasks,
    { provide: ROUTING_TABLE, useValue: ROUTING },
  ],
  exports: [ConsoleUnitOfWork, RedisConnection, ShutdownTasks, QueueDirectory, BullModule],
})
export class ConsoleInfrastructureModule {}
