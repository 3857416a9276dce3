import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What happened to a case, in order: the old assignment stays here after a reassignment. */
@Entity({ name: 'case_history' })
@Index('case_history_case_idx', ['caseId', 'id'])
export class CaseHistoryEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_id', type: 'varchar', length: 120 })
  actorId: string;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16, nullable: true })
  toStatus: string | null;

  @Column({ name: 'from_assignee_id', type: 'varchar', length: 120, nullable: true })
  fromAssigneeId: string | null;

  @Column({ name: 'to_assignee_id', type: 'varchar', length: 120, nullable: true })
  toAssigneeId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;
}
