import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RowError } from './csv-columns';
import { ImportRun } from './import-run.entity';

/**
 * Staging: one row of an uploaded file, converted (`value`) or refused (`errors`). Validation
 * checks the rows together in SQL; the import job applies the valid ones and deletes them.
 */
@Entity({ name: 'import_rows' })
export class ImportRow {
  @PrimaryColumn({ name: 'import_id', type: 'uuid', primaryKeyConstraintName: 'import_rows_pkey' })
  importId: string;

  /** The spreadsheet row number. */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'import_rows_pkey' })
  line: number;

  @Column({ type: 'jsonb', nullable: true })
  value: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  errors: RowError[] | null;

  @ManyToOne(() => ImportRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'import_rows_import_fk' })
  run?: ImportRun;
}
