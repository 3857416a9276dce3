import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message for everyone holding a role. Stored as a kind with parameters (cooperative name, who,
 * why, dates) so each client renders it in its reader's language; `message` is an English fallback.
 * Read state is per user, in notification_reads.
 */
@Entity({ name: 'notifications' })
@Index('notifications_role_idx', ['recipientRole', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recipient_role', type: 'varchar', length: 40 })
  recipientRole: string;

  @Column({ type: 'varchar', length: 80 })
  kind: string;

  @Column({ name: 'proceeding_id', type: 'uuid', nullable: true })
  proceedingId: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  params: Record<string, unknown>;

  @Column({ type: 'text' })
  message: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
