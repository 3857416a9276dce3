import type { DefaultJobOptions } from 'bullmq';

/** Attempts for an event job before it is dead-lettered (the default of INBOX_RETRY_ATTEMPTS). */
export const EVENT_JOB_ATTEMPTS = 11;
/**
 * The first backoff (the default of INBOX_RETRY_BACKOFF_MS): 0.5 s, 1 s, 2 s, ... about 8.5 minutes
 * in all before the last attempt, so it outlives a five-minute PostgreSQL outage.
 */
export const EVENT_JOB_BACKOFF_MS = 500;
/** How long a relay's claim on outbox rows lasts by default (OUTBOX_CLAIM_LEASE_MS). */
export const OUTBOX_CLAIM_LEASE_DEFAULT_MS = 3 * 60_000;

/**
 * How long after a publish the relay marks its rows by default (OUTBOX_MARK_DELAY_MS), with whatever
 * it publishes meanwhile: the mark is off the consumers' path, and one statement marks several events.
 */
export const OUTBOX_MARK_DELAY_DEFAULT_MS = 100;

/** Most events the relay puts in one job for one queue by default (OUTBOX_BATCH_MAX_EVENTS). */
export const OUTBOX_BATCH_DEFAULT_EVENTS = 100;

/** The inbox's retry budget must outlive a PostgreSQL outage this long (a failover, a restart). */
export const MIN_RETRY_BUDGET_MS = 5 * 60_000;

/** How long BullMQ keeps retrying: exponential backoff waits delay, 2 delay, 4 delay... between attempts. */
export function retryBudgetMs(attempts: number, firstBackoffMs: number): number {
  return firstBackoffMs * (2 ** (attempts - 1) - 1);
}

interface MessagingSettings {
  NODE_ENV: string;
  INBOX_RETRY_ATTEMPTS: number;
  INBOX_RETRY_BACKOFF_MS: number;
  OUTBOX_CLAIM_LEASE_MS: number;
  OUTBOX_MARK_DELAY_MS: number;
  REDIS_COMMAND_TIMEOUT_MS: number;
}

/** Completed jobs are kept a day so a re-publish of the same jobId is dropped by BullMQ itself. */
const COMPLETED_JOB_RETENTION = { age: 24 * 3600, count: 50_000 };
/** The dead-letter sweep takes failed jobs out of the failed set once recorded; this bounds what it leaves. */
const FAILED_JOB_RETENTION = { age: 7 * 24 * 3600 };

/** Options of every job a service adds to the inbox, control and batch queues: the retry budget. */
export function eventJobOptions(env: Pick<MessagingSettings, 'INBOX_RETRY_ATTEMPTS' | 'INBOX_RETRY_BACKOFF_MS'>) {
  return {
    attempts: env.INBOX_RETRY_ATTEMPTS,
    backoff: { type: 'exponential', delay: env.INBOX_RETRY_BACKOFF_MS },
    removeOnComplete: COMPLETED_JOB_RETENTION,
    removeOnFail: FAILED_JOB_RETENTION,
  } satisfies DefaultJobOptions;
}

/**
 * Settings that parse but break a guarantee. A retry budget under five minutes would dead-letter
 * every event in flight during a PostgreSQL failover: refused in production (tests may shorten it).
 * A claim lease must outlast the epoch check and the publish, each bounded by REDIS_COMMAND_TIMEOUT_MS,
 * or a second relay sends rows the first is still sending.
 */
export function messagingSettingProblems(env: MessagingSettings): string[] {
  const problems: string[] = [];
  const budget = retryBudgetMs(env.INBOX_RETRY_ATTEMPTS, env.INBOX_RETRY_BACKOFF_MS);
  if (env.NODE_ENV === 'production' && budget <= MIN_RETRY_BUDGET_MS) {
    problems.push(
      `INBOX_RETRY_ATTEMPTS, INBOX_RETRY_BACKOFF_MS: retry for ${Math.round(budget / 1000)} s in all; must be over ${MIN_RETRY_BUDGET_MS / 1000} s to outlive a five-minute PostgreSQL outage`,
    );
  }
  if (env.OUTBOX_CLAIM_LEASE_MS <= 2 * env.REDIS_COMMAND_TIMEOUT_MS) {
    problems.push(
      `OUTBOX_CLAIM_LEASE_MS: must be longer than twice REDIS_COMMAND_TIMEOUT_MS (${2 * env.REDIS_COMMAND_TIMEOUT_MS} ms)`,
    );
  }
  if (env.OUTBOX_MARK_DELAY_MS * 10 > env.OUTBOX_CLAIM_LEASE_MS) {
    problems.push(
      `OUTBOX_MARK_DELAY_MS: must be at most a tenth of OUTBOX_CLAIM_LEASE_MS (${env.OUTBOX_CLAIM_LEASE_MS / 10} ms), so a claim outlives its mark`,
    );
  }
  return problems;
}
