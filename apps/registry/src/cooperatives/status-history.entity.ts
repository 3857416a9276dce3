import type { CooperativeStatus } from '@koperasi/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every status a cooperative took: from, to, when it took effect and when it was recorded, why,
 * who, and the event that caused it.
 */
@Entity({ name: 'status_history' })
@Index('status_history_cooperative_idx', ['cooperativeId', 'at'])
@Index('status_history_effective_idx', ['cooperativeId', 'effectiveOn'])
@Index('status_history_at_idx', ['at', 'toStatus'])
@Index('status_history_effective_on_idx', ['effectiveOn', 'toStatus'])
export class StatusHistoryEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'cooperative_id', type: 'uuid' })
  cooperativeId: string;

  /** Null on the entry written at registration. */
  @Column({ name: 'from_status', type: 'varchar', length: 30, nullable: true })
  fromStatus: CooperativeStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 30 })
  toStatus: CooperativeStatus;

  /** When it was recorded. */
  @Column({ type: 'timestamptz' })
  at: Date;

  /**
   * The office day the change took effect: the legal-entity date for a registration, the decree
   * date for DISSOLVED, the gazette date for LEGAL_ENTITY_REVOKED, else the day it was recorded.
   */
  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 120 })
  actorId: string;

  @Column({ name: 'triggering_event_id', type: 'uuid', nullable: true })
  triggeringEventId: string | null;

  /** The evaluation run that made the change, when one did. */
  @Column({ name: 'evaluation_run_id', type: 'uuid', nullable: true })
  evaluationRunId: string | null;
}
