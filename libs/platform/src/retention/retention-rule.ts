import type { BaseEnv } from '../config/service-config';

/** The settings that give a retention period, in days. */
export type RetentionSetting = {
  [K in keyof BaseEnv]: K extends `${string}_RETENTION_DAYS` ? K : never;
}[keyof BaseEnv];

/** Rows a service deletes once they are older than a retention setting. */
export interface RetentionRule {
  /** What the rows are, for the logs. */
  what: string;
  setting: RetentionSetting;
  /**
   * Deletes at most `$2` rows older than `$1` (a timestamptz) and answers one row `{ deleted }`
   * (write it as `WITH doomed AS (SELECT ... LIMIT $2), gone AS (DELETE ... RETURNING 1)
   * SELECT count(*)::int AS deleted FROM gone`).
   */
  sql: string;
}

/** Injection token of the service's own retention rules (besides the platform's). */
export const RETENTION_RULES = Symbol('RETENTION_RULES');

export const PLATFORM_RETENTION_RULES: RetentionRule[] = [
  {
    what: 'published outbox events',
    setting: 'OUTBOX_RETENTION_DAYS',
    sql: `WITH doomed AS (SELECT id FROM outbox WHERE published_at < $1 LIMIT $2),
          gone AS (DELETE FROM outbox WHERE id IN (SELECT id FROM doomed) RETURNING 1)
          SELECT count(*)::int AS deleted FROM gone`,
  },
  {
    what: 'processed events',
    setting: 'PROCESSED_EVENTS_RETENTION_DAYS',
    sql: `WITH doomed AS (SELECT consumer, event_id FROM processed_events WHERE processed_at < $1 LIMIT $2),
          gone AS (DELETE FROM processed_events WHERE (consumer, event_id) IN (SELECT * FROM doomed) RETURNING 1)
          SELECT count(*)::int AS deleted FROM gone`,
  },
];
