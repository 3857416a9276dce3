import type { DefaultJobOptions } from 'bullmq';

/** Attempts for an event job before it is dead-lettered as a persistent transient failure. */
export const EVENT_JOB_ATTEMPTS = 11;
/** 0.5 s, 1 s, 2 s, ... about 8.5 minutes in all before the last attempt: it outlives a five-minute PostgreSQL outage. */
export const EVENT_JOB_BACKOFF = { type: 'exponential', delay: 500 } as const;
/** Completed jobs are kept a day so a re-publish of the same jobId is dropped by BullMQ itself. */
export const COMPLETED_JOB_RETENTION = { age: 24 * 3600, count: 50_000 };
/** The dead-letter sweep takes failed jobs out of the failed set once recorded; this bounds what it leaves. */
export const FAILED_JOB_RETENTION = { age: 7 * 24 * 3600 };

export const EVENT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: EVENT_JOB_ATTEMPTS,
  backoff: EVENT_JOB_BACKOFF,
  removeOnComplete: COMPLETED_JOB_RETENTION,
  removeOnFail: FAILED_JOB_RETENTION,
};

/** Outbox rows the relay moves per transaction. */
export const OUTBOX_RELAY_BATCH_SIZE = 500;
/** Rows per INSERT when a transaction publishes many events or audit records at once. */
export const BULK_INSERT_CHUNK = 1_000;
/** Most events the inbox applies in one transaction; the worker concurrency bounds it too. */
export const INBOX_BATCH_MAX = 100;
/** Inbox batches applied at once per process: one is committing while the next gathers. */
export const INBOX_BATCHES_IN_FLIGHT = 2;
/**
 * How long a relay's claim on outbox rows lasts; a relay that died mid-publish leaves its rows to
 * others after it. Longer than the epoch check plus the publish, each bounded by REDIS_COMMAND_TIMEOUT_MS.
 */
export const OUTBOX_CLAIM_LEASE_MS = 3 * 60_000;
/** How often a relay counts and logs the outbox events it cannot route. */
export const UNROUTABLE_REPORT_INTERVAL_MS = 60_000;
/** Failed jobs the dead-letter sweep reads per call. */
export const FAILED_JOB_SWEEP_PAGE = 500;
