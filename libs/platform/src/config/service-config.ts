import { z } from 'zod';
import { developmentSigningKeyProblems, eventSigningKeysSetting } from './event-signing-keys';
import { redisClusterNodesSetting } from './redis-settings';
import {
  EVENT_JOB_ATTEMPTS,
  EVENT_JOB_BACKOFF_MS,
  messagingSettingProblems,
  OUTBOX_BATCH_DEFAULT_EVENTS,
  OUTBOX_CLAIM_LEASE_DEFAULT_MS,
  OUTBOX_MARK_DELAY_DEFAULT_MS,
} from './messaging-settings';

/** Public, so a service in production refuses it (see `productionProblems`). */
export const DEVELOPMENT_JWT_SECRET = 'development-secret-change-me';
/** HS256 wants a key at least as long as its 256-bit output. */
export const MIN_PRODUCTION_SECRET_BYTES = 32;

/** Environment every service reads. Defaults suit a developer machine with local PostgreSQL and Redis. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535),
  /** The service's pool: through a transaction pooler, sign in as the service's role (docs/database-roles.md). */
  DATABASE_URL: z.url().default('postgres://postgres:postgres@localhost:5432/koperasi'),
  /** A direct connection (never a transaction pooler) for migrations and their advisory lock; unset: DATABASE_URL. */
  MIGRATION_DATABASE_URL: z.url().optional(),
  /** A read replica (or its pooler) for the queue lists and counts and the reports; unset: DATABASE_URL. */
  DATABASE_READ_URL: z.url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** A query waiting this long for a free or new connection fails (the request answers 503 DATABASE_BUSY). */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(5_000),
  /** PostgreSQL cancels a statement of the service's pool after this long (the request answers 503). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /**
   * Events applied alone in one statement use a named prepared statement, parsed and planned once
   * per connection. Off behind a transaction pooler that cannot carry them (PgBouncer before 1.21).
   */
  DATABASE_PREPARED_STATEMENTS: z.stringbool().default(false),
  /** PostgreSQL ends a session whose transaction sits idle this long (a stuck holder of locks). */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  REDIS_URL: z.url().default('redis://localhost:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only (the platform adds a {hash tag} per queue)')
    .default('koperasi'),
  // Redis Cluster and Redis credentials (docs/operations.md#redis-cluster).
  /** Seed nodes of a Redis Cluster, `host:port,host:port` (`rediss://host:port` for TLS); when set, REDIS_URL is not used. */
  REDIS_CLUSTER_NODES: redisClusterNodesSetting.optional(),
  /** Redis ACL user and password, for the cluster's nodes or where REDIS_URL carries none. */
  REDIS_USERNAME: z.string().min(1).max(200).optional(),
  REDIS_PASSWORD: z.string().min(1).max(500).optional(),
  /** TLS to Redis (also turned on by `rediss://` in REDIS_URL or in a cluster node). */
  REDIS_TLS: z.stringbool().default(false),
  JWT_SECRET: z.string().min(16).default(DEVELOPMENT_JWT_SECRET),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 3600),
  EVENT_SIGNING_KEYS: eventSigningKeysSetting,
  /** The `iss` every token must carry (the console that signs users in). */
  JWT_ISSUER: z.string().min(1).max(200).default('koperasi'),
  /** The `aud` every token must carry: the services of this deployment. */
  JWT_AUDIENCE: z.string().min(1).max(200).default('koperasi-services'),
  /** Serve the OpenAPI pages (/docs, /docs-json); unset means on everywhere but in production. */
  API_DOCS: z.enum(['true', 'false']).optional(),
  /** Requests per minute per user (or per address on public routes); 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  /** Requests per minute per user to the bulk routes (exports, reports, imports, statistics); 0 is off. */
  RATE_LIMIT_COSTLY_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(128),
  TIMER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  DEAD_LETTER_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  // At most a third of the sweep horizon (15 min), so no deadline can slip past a sweep unarmed.
  TIMER_SWEEP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(5 * 60_000)
    .default(30_000),
  /** Redis commands of producers (relay, timers, readiness) fail after this long instead of waiting for Redis. */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** How often (across all replicas) the platform checks that Redis still holds its data; the relay also checks before publishing. */
  REDIS_EPOCH_CHECK_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(5 * 60_000)
    .default(10_000),
  /** Attempts of an inbox (or control) job before it is dead-lettered; the budget is checked in messagingSettingProblems. */
  INBOX_RETRY_ATTEMPTS: z.coerce.number().int().min(2).max(30).default(EVENT_JOB_ATTEMPTS),
  /** The first wait between attempts; each next one doubles it. */
  INBOX_RETRY_BACKOFF_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(10 * 60_000)
    .default(EVENT_JOB_BACKOFF_MS),
  /** A relay's claim on the outbox rows it publishes; a relay that died leaves them to others after it. */
  OUTBOX_CLAIM_LEASE_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(60 * 60_000)
    .default(OUTBOX_CLAIM_LEASE_DEFAULT_MS),
  /** How long after a publish the relay marks the rows, with those it publishes meanwhile; 0 marks each publish at once. */
  OUTBOX_MARK_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(OUTBOX_MARK_DELAY_DEFAULT_MS),
  /** Most events the relay sends to one queue as one job; 1 sends every event as a job of its own. */
  OUTBOX_BATCH_MAX_EVENTS: z.coerce.number().int().min(1).max(1_000).default(OUTBOX_BATCH_DEFAULT_EVENTS),
  /** Published outbox rows are kept this long, so a Redis loss can be replayed from them. */
  OUTBOX_RETENTION_DAYS: z.coerce.number().min(0.01).max(3650).default(7),
  /** Consumers remember applied events this long; must exceed OUTBOX_RETENTION_DAYS so a replay is recognised. */
  PROCESSED_EVENTS_RETENTION_DAYS: z.coerce.number().min(0.01).max(3650).default(30),
  /** Stored answers to Idempotency-Key requests are kept this long. */
  IDEMPOTENCY_RETENTION_DAYS: z.coerce.number().min(0.01).max(3650).default(7),
  /** Notifications that have been read are kept this long after they were sent. */
  READ_NOTIFICATIONS_RETENTION_DAYS: z.coerce.number().min(0.01).max(3650).default(90),
  /** How often (across all replicas) rows past their retention are pruned. */
  PRUNE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(60 * 60_000),
  /** A graceful shutdown that has not finished after this long ends the process (exit code 1). */
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(10 * 60_000)
    .default(15_000),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;

/** Thrown at boot; its message names every bad variable so the operator can fix them at once. */
export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment: ${problems.join('; ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/**
 * Parses the environment once into one typed object. Empty strings count as unset, so an empty
 * `PORT=` falls back to the default rather than failing as "not a number".
 */
export function parseEnvironment<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  const problems = result.success
    ? [
        ...productionProblems(result.data as BaseEnv),
        ...developmentSigningKeyProblems(result.data as BaseEnv),
        ...messagingSettingProblems(result.data as BaseEnv),
      ]
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  if (problems.length === 0) return result.data as z.infer<S>;
  throw new InvalidEnvironmentError(problems);
}

export const apiDocsEnabled = (env: Pick<BaseEnv, 'API_DOCS' | 'NODE_ENV'>): boolean =>
  env.API_DOCS === undefined ? env.NODE_ENV !== 'production' : env.API_DOCS === 'true';

/** Defaults that suit a developer machine but must never reach production. */
function productionProblems(env: BaseEnv): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (env.JWT_SECRET === DEVELOPMENT_JWT_SECRET)
    problems.push('JWT_SECRET: must be set in production (the development default is public)');
  else if (Buffer.byteLength(env.JWT_SECRET) < MIN_PRODUCTION_SECRET_BYTES)
    problems.push(`JWT_SECRET: must be at least ${MIN_PRODUCTION_SECRET_BYTES} bytes in production`);
  return problems;
}

/**
 * BullMQ connection options that hand the whole URL to ioredis, so `rediss://` (TLS), the database
 * number, username, password and query options such as `?family=6` all apply.
 */
export function redisConnectionFromUrl(url: string): { url: string } {
  return { url };
}
