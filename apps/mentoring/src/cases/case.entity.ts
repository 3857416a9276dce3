import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { CaseStatus } from './case-status';
import type { CaseType, Priority } from './case-types';

const OPEN = `status <> 'CLOSED'`;

/**
 * One mentoring case. The partial unique index is the rule "at most one open case per cooperative
 * and type"; the other partial indexes serve the queue tabs, filters and sorts over open cases.
 */
@Entity({ name: 'cases' })
@Index('cases_one_open_per_cooperative_type', ['cooperativeId', 'type'], { unique: true, where: OPEN })
@Index('cases_open_status_due_idx', ['status', 'dueAt', 'id'], { where: OPEN })
@Index('cases_open_status_priority_idx', ['status', 'priorityRank', 'dueAt', 'id'], { where: OPEN })
@Index('cases_open_assignee_idx', ['assigneeId', 'dueAt', 'id'], { where: OPEN })
@Index('cases_open_assignee_priority_idx', ['assigneeId', 'priorityRank', 'dueAt', 'id'], { where: OPEN })
@Index('cases_open_priority_idx', ['priorityRank', 'dueAt', 'id'], { where: OPEN })
@Index('cases_open_due_idx', ['dueAt', 'id'], { where: OPEN })
@Index('cases_open_kecamatan_idx', ['kecamatan', 'status', 'dueAt'], { where: OPEN })
@Index('cases_open_type_idx', ['type', 'status', 'dueAt'], { where: OPEN })
@Index('cases_open_opened_idx', ['openedAt', 'id'], { where: OPEN })
@Index('cases_open_priority_filter_idx', ['priority', 'status', 'dueAt'], { where: OPEN })
@Index('cases_cooperative_idx', ['cooperativeId', 'openedAt'])
@Index('cases_type_opened_idx', ['type', 'openedAt'])
@Index('cases_type_closed_idx', ['type', 'closedAt'], { where: `status = 'CLOSED'` })
// Trigram (GIN) index for the queue search, created by migration 1764500000000.
@Index('cases_search_trgm_idx', { synchronize: false })
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  type: CaseType;

  @Column({ name: 'cooperative_id', type: 'varchar', length: 120 })
  cooperativeId: string;

  /** Copied from the read model (kept in step by its events) so the kecamatan filter is indexed. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  kecamatan: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: CaseStatus;

  @Column({ type: 'varchar', length: 8 })
  priority: Priority;

  /** 1 = URGENT ... 4 = LOW (PRIORITY_RANK). */
  @Column({ name: 'priority_rank', type: 'smallint' })
  priorityRank: number;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'opened_by', type: 'varchar', length: 120 })
  openedBy: string;

  @Column({ name: 'opened_reason', type: 'text' })
  openedReason: string;

  @Column({ name: 'assignee_id', type: 'varchar', length: 120, nullable: true })
  assigneeId: string | null;

  @Column({ name: 'assignee_name', type: 'varchar', length: 200, nullable: true })
  assigneeName: string | null;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  @Column({ name: 'hold_until', type: 'timestamptz', nullable: true })
  holdUntil: Date | null;

  @Column({ name: 'hold_reason', type: 'text', nullable: true })
  holdReason: string | null;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'varchar', length: 120, nullable: true })
  closedBy: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  outcome: string | null;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason: string | null;

  /** The cooperative's name, legal-entity number and NIK, one per line, for the queue search (`searchTextOf`). */
  @Column({ name: 'search_text', type: 'text', nullable: true, select: false })
  searchText: string | null;

  @Column({ name: 'evidence_notes', type: 'text', nullable: true })
  evidenceNotes: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
