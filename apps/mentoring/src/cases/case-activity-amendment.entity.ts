import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityKind } from './case-types';

/** The activity fields an amendment may correct. */
export interface ActivityFields {
  kind: ActivityKind;
  occurredOn: string;
  text: string;
}

/** One correction of a logged activity: what it said before, what it says now, who and why. Never updated. */
@Entity({ name: 'case_activity_amendments' })
@Index('case_activity_amendments_activity_idx', ['activityId', 'amendedAt'])
export class CaseActivityAmendment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  /** The activity's version this amendment produced (2 for the first). */
  @Column({ type: 'integer' })
  version: number;

  /** Only the changed fields, with their previous values. */
  @Column({ type: 'jsonb' })
  before: Partial<ActivityFields>;

  @Column({ type: 'jsonb' })
  after: Partial<ActivityFields>;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'amended_by', type: 'varchar', length: 120 })
  amendedBy: string;

  @Column({ name: 'amended_by_name', type: 'varchar', length: 200 })
  amendedByName: string;

  @CreateDateColumn({ name: 'amended_at', type: 'timestamptz' })
  amendedAt: Date;
}
