import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The inbox: one row per event a consumer has applied, written in the same transaction as the effect. */
@Entity({ name: 'processed_events' })
export class ProcessedEvent {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ type: 'varchar', length: 120 })
  type: string;

  @Index('processed_events_processed_at_idx')
  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt: Date;
}
