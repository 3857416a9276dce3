import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const EVALUATION_STATES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];

/** One run of the annual evaluation; its progress is the sum of its finished chunks. */
@Entity({ name: 'evaluation_runs' })
@Index('evaluation_runs_one_open_per_year', ['fiscalYear'], {
  unique: true,
  where: `dry_run = false AND state IN ('QUEUED', 'RUNNING')`,
})
@Index('evaluation_runs_year_idx', ['fiscalYear', 'createdAt'])
export class EvaluationRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  /** N in force when the run started. */
  @Column({ name: 'inactive_after_years', type: 'integer' })
  inactiveAfterYears: number;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun: boolean;

  @Column({ type: 'varchar', length: 16 })
  state: EvaluationState;

  /** Cooperatives in the registry when the run was split into chunks; null before. */
  @Column({ type: 'integer', nullable: true })
  total: number | null;

  @Column({ name: 'chunks_total', type: 'integer', nullable: true })
  chunksTotal: number | null;

  @Column({ name: 'chunks_done', type: 'integer', default: 0 })
  chunksDone: number;

  @Column({ type: 'integer', default: 0 })
  processed: number;

  /** In a dry run: would become inactive. */
  @Column({ name: 'became_inactive', type: 'integer', default: 0 })
  becameInactive: number;

  @Column({ name: 'kept_active', type: 'integer', default: 0 })
  keptActive: number;

  @Column({ name: 'not_active', type: 'integer', default: 0 })
  notActive: number;

  @Column({ name: 'started_by', type: 'varchar', length: 120 })
  startedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}

/** A range of cooperative ids evaluated in one transaction; DONE chunks are never redone. */
@Entity({ name: 'evaluation_chunks' })
export class EvaluationChunk {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @PrimaryColumn({ name: 'chunk_no', type: 'integer' })
  chunkNo: number;

  @Column({ name: 'lower_id', type: 'uuid' })
  lowerId: string;

  /** Exclusive; null for the last chunk. */
  @Column({ name: 'upper_id', type: 'uuid', nullable: true })
  upperId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  state: 'PENDING' | 'DONE';

  @Column({ type: 'integer', default: 0 })
  processed: number;

  @Column({ name: 'became_inactive', type: 'integer', default: 0 })
  becameInactive: number;

  @Column({ name: 'kept_active', type: 'integer', default: 0 })
  keptActive: number;

  @Column({ name: 'not_active', type: 'integer', default: 0 })
  notActive: number;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}

/** A cooperative that a run set INACTIVE or, in a dry run, would set INACTIVE. */
@Entity({ name: 'evaluation_run_cooperatives' })
export class EvaluationRunCooperative {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @PrimaryColumn({ name: 'cooperative_id', type: 'uuid' })
  cooperativeId: string;
}
