import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { notFound } from '../http/domain-error';
import type { UnitOfWork } from '../messaging/unit-of-work';

/**
 * Per-user read state of a service's in-app notifications (its `notifications` and
 * `notification_reads` tables). `addressed` is the SQL condition on `n` meaning "addressed to this
 * user" ($1 is the user id, $2 their roles); `columns` is the select list of one item.
 */
export class NotificationReadState {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly addressed: string,
    private readonly columns: string,
  ) {}

  async list(user: AuthenticatedUser, unreadOnly: boolean, limit: number, offset: number) {
    const unread = unreadOnly ? 'AND r.notification_id IS NULL' : '';
    const from = `FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1 WHERE ${this.addressed} ${unread}`;
    const params = [user.id, user.roles];
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${this.columns}, r.read_at AS "readAt" ${from} ORDER BY n.created_at DESC, n.id LIMIT $3 OFFSET $4`,
        [...params, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return { items, total, limit, offset };
  }

  async unreadCount(user: AuthenticatedUser): Promise<{ unread: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notifications n
       LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1
       WHERE ${this.addressed} AND r.notification_id IS NULL`,
      [user.id, user.roles],
    );
    return row;
  }

  markRead(user: AuthenticatedUser, id: string): Promise<{ id: string; read: true }> {
    return this.uow.run(async (tx) => {
      const [visible] = await tx.manager.query(
        `SELECT n.id FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1
         WHERE n.id = $3 AND ${this.addressed}`,
        [user.id, user.roles, id],
      );
      if (!visible) throw notFound('Notification', id);
      const marked = await tx.manager.query(
        `INSERT INTO notification_reads (notification_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING notification_id`,
        [id, user.id],
      );
      if (marked.length > 0) await tx.audit({ action: 'notification.read', entityType: 'Notification', entityId: id });
      return { id, read: true as const };
    });
  }

  markAllRead(user: AuthenticatedUser): Promise<{ marked: number }> {
    return this.uow.run(async (tx) => {
      const rows = await tx.manager.query(
        `INSERT INTO notification_reads (notification_id, user_id)
         SELECT n.id, $1::varchar FROM notifications n WHERE ${this.addressed}
         ON CONFLICT DO NOTHING RETURNING notification_id`,
        [user.id, user.roles],
      );
      if (rows.length > 0) {
        await tx.audit({
          action: 'notification.read-all',
          entityType: 'User',
          entityId: user.id,
          after: { marked: rows.length },
        });
      }
      return { marked: rows.length };
    });
  }
}
