/** Outbox rows the relay moves per transaction. */
export const OUTBOX_RELAY_BATCH_SIZE = 500;
/** A batch job the relay sends holds at most this many bytes of envelopes; a larger event goes alone. */
export const EVENT_BATCH_MAX_BYTES = 1024 * 1024;
/** Rows per INSERT when a transaction publishes many events or audit records at once. */
export const BULK_INSERT_CHUNK = 1_000;
/** Most events the inbox applies in one transaction; the worker concurrency bounds it too. */
export const INBOX_BATCH_MAX = 100;
/** Inbox batches applied at once per process: one is committing while the next gathers. */
export const INBOX_BATCHES_IN_FLIGHT = 2;
/** How often a relay counts and logs the outbox events it cannot route. */
export const UNROUTABLE_REPORT_INTERVAL_MS = 60_000;
/** Failed jobs the dead-letter sweep reads per call. */
export const FAILED_JOB_SWEEP_PAGE = 500;
/** The relay publishes under a Redis epoch confirmed less than this long ago without reading Redis again. */
export const RELAY_EPOCH_REUSE_MS = 1_000;
