import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type {
  DecreeFacts,
  GazetteFacts,
  Grounds,
  LiquidationFacts,
  NoticeFacts,
  ObjectionDecisionFacts,
  ObjectionFacts,
  ProposalEvidence,
  RegistryRefusal,
  ReviewFlag,
} from './proceeding-facts';
import type { ProceedingStep } from './proceeding-step';

/** One government dissolution proceeding of one cooperative; `version` guards concurrent writes. */
@Entity({ name: 'proceedings' })
@Index('proceedings_one_open_per_cooperative', ['cooperativeId'], { unique: true, where: 'closed_at IS NULL' })
@Index('proceedings_step_idx', ['step'])
@Index('proceedings_next_due_idx', ['nextDueOn'], { where: 'closed_at IS NULL' })
export class Proceeding {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cooperative_id', type: 'varchar', length: 120 })
  cooperativeId: string;

  @Column({ type: 'varchar', length: 32 })
  step: ProceedingStep;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  grounds: Grounds;

  @Column({ type: 'jsonb' })
  evidence: ProposalEvidence;

  @Column({ name: 'opened_by', type: 'varchar', length: 120 })
  openedBy: string;

  @Column({ name: 'proposed_by', type: 'varchar', length: 120, nullable: true })
  proposedBy: string | null;

  @Column({ name: 'proposed_at', type: 'timestamptz', nullable: true })
  proposedAt: Date | null;

  @Column({ name: 'approved_by', type: 'varchar', length: 120, nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  notice: NoticeFacts | null;

  @Column({ name: 'notice_received_on', type: 'date', nullable: true })
  noticeReceivedOn: string | null;

  @Column({ type: 'jsonb', nullable: true })
  objection: ObjectionFacts | null;

  @Column({ name: 'objection_received_on', type: 'date', nullable: true })
  objectionReceivedOn: string | null;

  @Column({ name: 'objection_decision', type: 'jsonb', nullable: true })
  objectionDecision: ObjectionDecisionFacts | null;

  @Column({ type: 'jsonb', nullable: true })
  decree: DecreeFacts | null;

  @Column({ type: 'jsonb', nullable: true })
  liquidation: LiquidationFacts | null;

  @Column({ name: 'creditor_notice_on', type: 'date', nullable: true })
  creditorNoticeOn: string | null;

  @Column({ type: 'jsonb', nullable: true })
  gazette: GazetteFacts | null;

  @Column({ name: 'review_flag', type: 'jsonb', nullable: true })
  reviewFlag: ReviewFlag | null;

  /** The registry's latest refusal of a status change this proceeding asked for. */
  @Column({ name: 'registry_refusal', type: 'jsonb', nullable: true })
  registryRefusal: RegistryRefusal | null;

  @Column({ name: 'next_action', type: 'varchar', length: 40, nullable: true })
  nextAction: string | null;

  @Column({ name: 'next_due_on', type: 'date', nullable: true })
  nextDueOn: string | null;

  @Column({ name: 'next_due_binding', type: 'boolean', default: false })
  nextDueBinding: boolean;

  @Column({ name: 'closed_reason', type: 'text', nullable: true })
  closedReason: string | null;

  @Column({ name: 'closed_by', type: 'varchar', length: 120, nullable: true })
  closedBy: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
