import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DeadLetterResolution = 'RETRIED' | 'DISMISSED';

/** An event this service could not apply; kept in PostgreSQL so a Redis loss cannot erase it. */
@Entity({ name: 'dead_letters' })
@Index('dead_letters_open_idx', ['createdAt'], { where: 'resolved_at IS NULL' })
@Index('dead_letters_job_key', ['queue', 'jobId'], { unique: true, where: 'job_id IS NOT NULL' })
export class DeadLetter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  queue: string;

  /** The BullMQ job that failed: one dead letter per job, however often its failure is seen. */
  @Column({ name: 'job_id', type: 'varchar', length: 200, nullable: true })
  jobId: string | null;

  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId: string | null;

  @Column({ name: 'event_type', type: 'varchar', length: 120 })
  eventType: string;

  /** The job data as received: possibly not a valid envelope at all. */
  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ name: 'error_code', type: 'varchar', length: 80 })
  errorCode: string;

  @Column({ name: 'error_message', type: 'text' })
  errorMessage: string;

  @Column({ type: 'int' })
  attempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'retry_count', type: 'int', default: 0 })
  retryCount: number;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** The admin who retried or dismissed it. */
  @Column({ name: 'resolved_by', type: 'varchar', length: 120, nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  resolution: DeadLetterResolution | null;

  /** Why it was dismissed. */
  @Column({ name: 'resolution_reason', type: 'text', nullable: true })
  resolutionReason: string | null;
}
