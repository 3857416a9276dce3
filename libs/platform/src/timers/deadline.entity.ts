import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DeadlineState = 'PENDING' | 'FIRED' | 'CANCELLED' | 'FAILED';

/** A durable timer: this row is the truth; the delayed BullMQ job only wakes the worker. */
@Entity({ name: 'deadlines' })
@Index('deadlines_pending_due_idx', ['dueAt'], { where: `state = 'PENDING'` })
@Index('deadlines_pending_key', ['kind', 'subjectId'], { unique: true, where: `state = 'PENDING'` })
export class Deadline {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 80 })
  kind: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 120 })
  subjectId: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  state: DeadlineState;

  @Column({ name: 'correlation_id', type: 'varchar', length: 80, nullable: true })
  correlationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt: Date | null;
}
