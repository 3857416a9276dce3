import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One step of a case's checklist, copied from the type's setting when the case opens. */
@Entity({ name: 'case_checklist_items' })
export class ChecklistItem {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  code: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  label: string;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by', type: 'varchar', length: 120, nullable: true })
  doneBy: string | null;
}
