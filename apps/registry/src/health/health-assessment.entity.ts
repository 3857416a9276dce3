import type { HealthCategory } from '@koperasi/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A health assessment of one fiscal year, with the rubric version it was made under and its evidence. */
@Entity({ name: 'health_assessments' })
@Index('health_assessments_one_per_year_and_scheme', ['cooperativeId', 'fiscalYear', 'scheme'], { unique: true })
@Index('health_assessments_category_idx', ['category', 'fiscalYear'])
export class HealthAssessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cooperative_id', type: 'uuid' })
  cooperativeId: string;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  @Column({ type: 'varchar', length: 1 })
  scheme: 'A' | 'B';

  @Column({ name: 'rubric_version', type: 'varchar', length: 40 })
  rubricVersion: string;

  /** Scheme A's 0-100 score; null for Scheme B. */
  @Column({
    type: 'numeric',
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  score: number | null;

  @Column({ type: 'varchar', length: 30 })
  category: HealthCategory;

  /** Scheme A: every component's value, band and score; Scheme B: the aspect ratings. */
  @Column({ type: 'jsonb' })
  evidence: Record<string, unknown>;

  @Column({ name: 'assessed_on', type: 'date' })
  assessedOn: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'assessed_by', type: 'varchar', length: 120 })
  assessedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
