import { createSecretKey } from 'node:crypto';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule, DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsService, ClsServiceManager } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { Queue } from 'bullmq';
import type { z } from 'zod';
import { CONTROL_QUEUES, INBOX_QUEUES, ROUTING, type ProducerName, type RoutingTable } from '@koperasi/contracts';
import { AuditController } from './audit/audit.controller';
import { AuditLog } from './audit/audit-log.service';
import { AuthGuard } from './auth/auth.guard';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from './config/config.tokens';
import { type BaseEnv, baseEnvSchema, parseEnvironment } from './config/service-config';
import type { DatabaseDefinition } from './database/database-definition';
import { ReadDatabase, readDatabaseProvider, serviceDataSourceFactories } from './database/service-database';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { METERED_QUEUES, PlatformMetrics } from './metrics/platform-metrics';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { createValidationPipe } from './http/validation.pipe';
import { pinoOptions } from './logging/logging-options';
import { DeadLettersController } from './messaging/dead-letters.controller';
import { DeadLetters } from './messaging/dead-letters.service';
import { InboxService } from './messaging/inbox.service';
import { FailedJobReconciler } from './messaging/failed-job-reconciler.service';
import { OutboxRelay } from './messaging/outbox-relay.service';
import { ControlMessages } from './messaging/control-messages.service';
import { createProcessors } from './messaging/processors';
import { RepublishRequests } from './messaging/republish-requests';
import { QueueDirectory } from './messaging/queue-directory';
import { ROUTING_TABLE } from './messaging/routing.token';
import { EvictionPolicyCheck } from './redis/eviction-policy-check';
import { PlatformRedis } from './redis/platform-redis';
import { QueueErrorLog } from './redis/queue-error-log';
import { bullQueueOptions } from './redis/redis-connection';
import { RedisEpochGuard } from './redis/redis-epoch-guard';
import { RETENTION_RULES, type RetentionRule } from './retention/retention-rule';
import { RetentionService } from './retention/retention.service';
import { PeriodicTasks } from './scheduling/periodic-tasks';
import { rateLimitOptions } from './rate-limit/rate-limit.options';
import { RedisThrottlerStorage } from './rate-limit/redis-throttler-storage';
import { UserThrottlerGuard } from './rate-limit/user-throttler.guard';
import { UnitOfWork } from './messaging/unit-of-work';
import { IdempotentCommands } from './idempotency/idempotent-commands';
import { serviceIdentity } from './service-identity';
import { TimerScheduler } from './timers/timer-scheduler.service';
import { TimerService } from './timers/timer.service';

export interface PlatformOptions {
  /** A consuming service, or the console (which publishes events and has no inbox). */
  service: ProducerName;
  database: DatabaseDefinition;
  /** The service's own environment schema; it must extend `baseEnvSchema`. */
  envSchema?: z.ZodObject;
  /** Queues the service works besides its inbox and timers (batch jobs). */
  extraQueues?: string[];
  /** Narrows the routing table; only tests of the messaging backbone itself pass one. */
  routing?: RoutingTable;
  /** The service's own rows to prune past their retention (the platform prunes outbox and processed events). */
  retention?: RetentionRule[];
}

@Global()
@Module({})
class ServiceConfigModule {
  static forService(options: PlatformOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: SERVICE_CONFIG, useFactory: () => parseEnvironment(options.envSchema ?? baseEnvSchema, process.env) },
      { provide: SERVICE_IDENTITY, useValue: serviceIdentity(options.service) },
    ];
    return { module: ServiceConfigModule, providers, exports: providers };
  }
}

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class RateLimitStorageModule {}

/** Everything a service stands on: config, logs, database, queues, messaging, timers, auth, audit, health. */
@Global()
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const identity = serviceIdentity(options.service);
    const config = ServiceConfigModule.forService(options);
    const ownQueues = [identity.timerQueue, identity.slaTimerQueue, ...(options.extraQueues ?? [])];
    const queueNames = [...Object.values(INBOX_QUEUES), ...Object.values(CONTROL_QUEUES), ...ownQueues];
    const queues = BullModule.registerQueueAsync(
      ...queueNames.map((name) => ({
        name,
        imports: [config],
        inject: [SERVICE_CONFIG],
        useFactory: (env: BaseEnv) => bullQueueOptions(env, name),
      })),
    );
    // The service's one data source, injectable as `DataSource` whatever its registration name.
    const dataSource: Provider = { provide: DataSource, useExisting: getDataSourceToken(identity.name) };
    const exported = [
      dataSource,
      ReadDatabase,
      UnitOfWork,
      IdempotentCommands,
      AuditLog,
      TimerScheduler,
      TimerService,
      QueueDirectory,
      OutboxRelay,
      InboxService,
      DeadLetters,
      RepublishRequests,
      ControlMessages,
      PlatformMetrics,
      PlatformRedis,
      RedisEpochGuard,
      PeriodicTasks,
      RetentionService,
      FailedJobReconciler,
    ];
    return {
      module: PlatformModule,
      imports: [
        config,
        LoggerModule.forRootAsync({
          imports: [config],
          inject: [SERVICE_CONFIG],
          useFactory: (env: BaseEnv) => pinoOptions(identity.name, env.LOG_LEVEL),
        }),
        TypeOrmModule.forRootAsync({
          // Named after the service, so two services in one process (tests) register distinct data sources.
          name: identity.name,
          imports: [config],
          ...serviceDataSourceFactories(options.database),
        }),
        queues,
        JwtModule.registerAsync({
          imports: [config],
          inject: [SERVICE_CONFIG],
          useFactory: (env: BaseEnv) => {
            // A KeyObject, not a string: jsonwebtoken would otherwise try to parse the secret as a public key on every request.
            const key = createSecretKey(Buffer.from(env.JWT_SECRET));
            return {
              secretOrKeyProvider: () => key,
              signOptions: { algorithm: 'HS256', issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE },
              verifyOptions: { algorithms: ['HS256'], issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE },
            };
          },
        }),
        ThrottlerModule.forRootAsync({
          imports: [config, RateLimitStorageModule],
          inject: [SERVICE_CONFIG, RedisThrottlerStorage],
          useFactory: rateLimitOptions,
        }),
        DiscoveryModule,
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, AuditController, DeadLettersController, MetricsController],
      providers: [
        ...exported.filter((provider) => provider !== ReadDatabase),
        readDatabaseProvider(options.database),
        ...createProcessors(identity),
        EvictionPolicyCheck,
        {
          provide: QueueErrorLog,
          inject: [DiscoveryService, ...queueNames.map((name) => getQueueToken(name))],
          useFactory: (discovery: DiscoveryService, ...registered: Queue[]) => new QueueErrorLog(discovery, registered),
        },
        { provide: RETENTION_RULES, useValue: options.retention ?? [] },
        { provide: ROUTING_TABLE, useValue: options.routing ?? ROUTING },
        { provide: METERED_QUEUES, useValue: [identity.inboxQueue, ...ownQueues] },
        // In this order: the rate limit counts per user, so it runs once the token is checked.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: UserThrottlerGuard },
        {
          provide: APP_FILTER,
          inject: [HttpAdapterHost],
          useFactory: (adapterHost: HttpAdapterHost) =>
            new HttpExceptionFilter(adapterHost, options.database.constraints),
        },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        // nestjs-cls's service without its module: the module also mounts a global guard and interceptor
        // that do nothing unless configured, yet put every request through Nest's interceptor pipeline.
        // Requests get their context from openRequestContext (configureApp), jobs from the inbox and timers.
        { provide: ClsService, useFactory: () => ClsServiceManager.getClsService() },
      ],
      exports: [...exported, ClsService, config, queues],
    };
  }
}
