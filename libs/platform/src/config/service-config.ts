import { z } from 'zod';
import { developmentSigningKeyProblems, eventSigningKeysSetting } from './event-signing-keys';

/** Environment every service reads. Defaults suit a developer machine with local PostgreSQL and Redis. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535),
  DATABASE_URL: z.url().default('postgres://postgres:postgres@localhost:5432/koperasi'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.url().default('redis://localhost:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]+$/, 'letters, digits, _, -, and {} hash tags only')
    .default('koperasi'),
  JWT_SECRET: z.string().min(16).default('development-secret-change-me'),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 3600),
  EVENT_SIGNING_KEYS: eventSigningKeysSetting,
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
  /** Shutdown stops waiting for in-flight jobs and Redis after this long. */
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
  if (result.success) {
    // Checks across variables (what production refuses) run on the parsed values.
    const problems = developmentSigningKeyProblems(result.data);
    if (problems.length === 0) return result.data;
    throw new InvalidEnvironmentError(problems);
  }
  throw new InvalidEnvironmentError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/**
 * BullMQ connection options that hand the whole URL to ioredis, so `rediss://` (TLS), the database
 * number, username, password and query options such as `?family=6` all apply.
 */
export function redisConnectionFromUrl(url: string): { url: string } {
  return { url };
}
