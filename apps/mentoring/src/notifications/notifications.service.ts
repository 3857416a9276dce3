import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound, UnitOfWork, type AuthenticatedUser } from '@koperasi/platform';

/** A user's notifications: those addressed to them and those addressed to a role they hold. */
const ADDRESSED = `((n.recipient_kind = 'USER' AND n.recipient = $1::varchar) OR (n.recipient_kind = 'ROLE' AND n.recipient = ANY($2::text[])))`;

@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async list(user: AuthenticatedUser, unreadOnly: boolean, limit: number, offset: number) {
    const unread = unreadOnly ? 'AND r.notification_id IS NULL' : '';
    const from = `FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1 WHERE ${ADDRESSED} ${unread}`;
    const params = [user.id, user.roles];
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT n.id, n.kind, n.params, n.case_id AS "caseId", n.message, n.recipient_kind AS "recipientKind", n.recipient, n.created_at AS "createdAt", r.read_at AS "readAt"
         ${from} ORDER BY n.created_at DESC, n.id LIMIT $3 OFFSET $4`,
        [...params, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return { items, total, limit, offset };
  }

  async unreadCount(user: AuthenticatedUser): Promise<{ unread: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notifications n
       WHERE ${ADDRESSED} AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = $1)`,
      [user.id, user.roles],
    );
    return row;
  }

  markRead(user: AuthenticatedUser, id: string): Promise<{ id: string; read: true }> {
    return this.uow.run(async (tx) => {
      const [visible] = await tx.manager.query(`SELECT n.id FROM notifications n WHERE n.id = $3 AND ${ADDRESSED}`, [
        user.id,
        user.roles,
        id,
      ]);
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
         SELECT n.id, $1::varchar FROM notifications n WHERE ${ADDRESSED}
         ON CONFLICT DO NOTHING RETURNING notification_id`,
        [user.id, user.roles],
      );
      if (rows.length > 0)
        await tx.audit({
          action: 'notification.read-all',
          entityType: 'User',
          entityId: user.id,
          after: { marked: rows.length },
        });
      return { marked: rows.length };
    });
  }
}
