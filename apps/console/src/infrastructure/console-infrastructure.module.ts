import { BullModule } from '@nestjs/bullmq';
import { Global, Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { CONTROL_QUEUES, INBOX_QUEUES, ROUTING } from '@koperasi/contracts';
import {
  ControlMessages,
  correlationIdOf,
  createControlProcessor,
  bullQueueOptions,
  METERED_QUEUES,
  EvictionPolicyCheck,
  OutboxRelay,
  parseEnvironment,
  PeriodicTasks,
  pinoOptions,
  PlatformMetrics,
  PlatformRedis,
  QueueDirectory,
  RedisEpochGuard,
  RETENTION_RULES,
  RetentionService,
  ROUTING_TABLE,
  SERVICE_CONFIG,
  SERVICE_IDENTITY,
  serviceDataSourceFactories,
  serviceIdentity,
} from '@koperasi/platform';
import { type ConsoleConfig, consoleEnvSchema } from '../config';
import { consoleDatabase } from '../console.database';
import { ConsoleUnitOfWork } from './console-unit-of-work';
import { RedisConnection } from './redis.connection';
import { ShutdownTasks } from './shutdown-tasks';

const configProviders: Provider[] = [
  { provide: SERVICE_CONFIG, useFactory: () => parseEnvironment(consoleEnvSchema, process.env) },
  { provide: SERVICE_IDENTITY, useValue: serviceIdentity('console') },
];

@Global()
@Module({ providers: configProviders, exports: configProviders })
class ConsoleConfigModule {}

/**
 * The platform pieces the console stands on: config, logs, its own schema (migrated at start), and
 * an outbox whose relay signs the user events and puts them on the services' inbox queues, with the
 * platform's replay after a Redis loss and retention, and a control worker that re-publishes a user
 * event a service asks for again. The console consumes no events, so it has no inbox and no timers
 * of its own; and it answers pages to a session, not to bearer tokens, so the
 * services' PlatformModule (auth guard, rate limits, JSON error bodies) is not imported whole.
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
      ...serviceDataSourceFactories(consoleDatabase),
    }),
    BullModule.registerQueueAsync(
      ...[...Object.values(INBOX_QUEUES), ...Object.values(CONTROL_QUEUES)].map((name) => ({
        name,
        inject: [SERVICE_CONFIG],
        useFactory: (env: ConsoleConfig) => bullQueueOptions(env, name),
      })),
    ),
  ],
  providers: [
    PlatformRedis,
    EvictionPolicyCheck,
    RedisEpochGuard,
    PeriodicTasks,
    RetentionService,
    QueueDirectory,
    OutboxRelay,
    // A consumer that refused a tampered user event asks the console to send it again.
    ControlMessages,
    createControlProcessor(serviceIdentity('console')),
    PlatformMetrics,
    // No inbox and no timers: no queue of the console's own to meter.
    { provide: METERED_QUEUES, useValue: [] },
    { provide: RETENTION_RULES, useValue: [] },
    ConsoleUnitOfWork,
    RedisConnection,
    ShutdownTasks,
    { provide: ROUTING_TABLE, useValue: ROUTING },
  ],
  exports: [ConsoleUnitOfWork, RedisConnection, ShutdownTasks, QueueDirectory, BullModule],
})
export class ConsoleInfrastructureModule {}
