import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RecipientKind = 'USER' | 'ROLE';

/**
 * An in-app notification addressed to one user or to everyone holding a role (supervisors are
 * not a table here, only a role in the token). Read state is per user, in notification_reads.
 */
@Entity({ name: 'notifications' })
@Index('notifications_recipient_idx', ['recipientKind', 'recipient', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recipient_kind', type: 'varchar', length: 8 })
  recipientKind: RecipientKind;

  @Column({ type: 'varchar', length: 120 })
  recipient: string;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  /** Cooperative name, case type, who, why: the client renders the kind with them in its reader's language. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  params: Record<string, unknown>;

  /** English fallback text. */
  @Column({ type: 'text' })
  message: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
