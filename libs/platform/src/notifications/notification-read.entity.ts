import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One user has read one notification (the services with in-app notifications list it among their entities). */
@Entity({ name: 'notification_reads' })
export class NotificationRead {
  @PrimaryColumn({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 120 })
  userId: string;

  @CreateDateColumn({ name: 'read_at', type: 'timestamptz' })
  readAt: Date;
}
