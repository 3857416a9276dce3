import type { RetentionRule } from '@koperasi/platform';

/** Saved answers to Idempotency-Key requests are deleted IDEMPOTENCY_RETENTION_DAYS after the first request. */
export const IDEMPOTENCY_RETENTION: RetentionRule = {
  what: 'idempotency records',
  setting: 'IDEMPOTENCY_RETENTION_DAYS',
  sql: `WITH doomed AS (SELECT user_id, key FROM idempotency_keys WHERE created_at < $1 LIMIT $2),
        gone AS (DELETE FROM idempotency_keys WHERE (user_id, key) IN (SELECT * FROM doomed) RETURNING 1)
        SELECT count(*)::int AS deleted FROM gone`,
};
