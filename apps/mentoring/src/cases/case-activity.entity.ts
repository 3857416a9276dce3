import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { ActivityKind } from './case-types';

@Entity({ name: 'case_activities' })
@Index('case_activities_case_idx', ['caseId', 'occurredOn'])
export class CaseActivity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: ActivityKind;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ name: 'author_id', type: 'varchar', length: 120 })
  authorId: string;

  @Column({ name: 'author_name', type: 'varchar', length: 200 })
  authorName: string;

  @Column({ type: 'text' })
  text: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** 1 as logged; each amendment adds one (the optimistic-lock `version` of an amendment). */
  @VersionColumn({ default: 1 })
  version: number;
}
