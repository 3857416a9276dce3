import type { RetentionRule } from '@koperasi/platform';

/**
 * Notifications that have been read (by their user, or by someone holding their role) are deleted,
 * with their read marks, once READ_NOTIFICATIONS_RETENTION_DAYS have passed since they were sent.
 * Unread ones are kept.
 */
export const READ_NOTIFICATIONS_RETENTION: RetentionRule = {
  what: 'read notifications',
  setting: 'READ_NOTIFICATIONS_RETENTION_DAYS',
  sql: `WITH doomed AS (
          SELECT n.id FROM notifications n
          WHERE n.created_at < $1 AND EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id)
          LIMIT $2),
        reads AS (DELETE FROM notification_reads WHERE notification_id IN (SELECT id FROM doomed)),
        gone AS (DELETE FROM notifications WHERE id IN (SELECT id FROM doomed) RETURNING 1)
        SELECT count(*)::int AS deleted FROM gone`,
};
