import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CooperativeStatus } from '@koperasi/contracts';

/** Our own history of the registry's status changes, one row per status-changed event received. */
@Entity({ name: 'cooperative_status_transitions' })
@Index('status_transitions_event_key', ['eventId'], { unique: true })
@Index('status_transitions_to_idx', ['toStatus', 'changedAt'])
@Index('status_transitions_cooperative_idx', ['cooperativeId', 'changedAt'])
export class StatusTransition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'cooperative_id', type: 'varchar', length: 120 })
  cooperativeId: string;

  @Column({ name: 'from_status', type: 'varchar', length: 32 })
  fromStatus: CooperativeStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 32 })
  toStatus: CooperativeStatus;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
