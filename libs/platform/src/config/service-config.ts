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

export function redisConnectionFromUrl(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
  };
}
