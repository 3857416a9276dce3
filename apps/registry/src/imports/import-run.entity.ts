import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RowError } from './csv-columns';

export const IMPORT_KINDS = ['COOPERATIVES', 'RATS'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * A validated CSV file being applied by jobs, one per chunk of lines. Its valid rows wait in
 * `import_rows` (staging); each chunk deletes the rows it applied in its own transaction, so the
 * rows left say which chunks are still to do.
 */
@Entity({ name: 'import_runs' })
@Index('import_runs_created_idx', ['createdAt'])
export class ImportRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ImportKind;

  @Column({ name: 'file_name', type: 'varchar', length: 300, nullable: true })
  fileName: string | null;

  @Column({ type: 'varchar', length: 16 })
  state: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

  /** Data rows in the file. */
  @Column({ name: 'rows_in_file', type: 'integer' })
  rowsInFile: number;

  /** Rows that passed validation, to be applied. */
  @Column({ name: 'valid_rows', type: 'integer', default: 0 })
  validRows: number;

  /** The first problems found at validation (only when the caller asked to import the valid rows). */
  @Column({ name: 'rejected_rows', type: 'jsonb' })
  rejectedRows: RowError[];

  /** All problems found at validation; `rejectedRows` lists the first of them. */
  @Column({ name: 'rejected_count', type: 'integer', default: 0 })
  rejectedCount: number;

  /** Lines per chunk job, fixed when the import is planned (chunk n holds lines 2 + n * size onwards); null before. */
  @Column({ name: 'chunk_size', type: 'integer', nullable: true })
  chunkSize: number | null;

  /** Valid rows applied so far (imported or failed). */
  @Column({ name: 'next_row', type: 'integer', default: 0 })
  nextRow: number;

  @Column({ type: 'integer', default: 0 })
  imported: number;

  /** Rows that failed when applied (e.g. taken in the meantime), with their reason. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  failures: RowError[];

  @Column({ name: 'started_by', type: 'varchar', length: 120 })
  startedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
