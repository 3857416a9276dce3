import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ImportRun } from '../import-run.entity';

export class ImportQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: 'Import the valid rows of a file that has bad ones',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  validRowsOnly?: 'true' | 'false';
}

export class RowErrorView {
  @ApiProperty({ description: 'Spreadsheet row number (the header is row 1)' }) row: number;
  @ApiPropertyOptional({ nullable: true }) column: string | null;
  @ApiProperty() message: string;
}

export class ImportRunView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['COOPERATIVES', 'RATS'] }) kind: string;
  @ApiPropertyOptional({ nullable: true }) fileName: string | null;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] }) state: string;
  @ApiProperty() rowsInFile: number;
  @ApiProperty({ description: 'Valid rows to apply' }) total: number;
  @ApiProperty({ description: 'Rows applied so far' }) done: number;
  @ApiProperty() imported: number;
  @ApiProperty({ type: [RowErrorView], description: 'Problems found at validation (the first 1,000)' })
  rejectedRows: RowErrorView[];
  @ApiProperty({ description: 'Problems found at validation, in all' }) rejectedCount: number;
  @ApiProperty({ type: [RowErrorView], description: 'Rows that failed when applied' }) failures: RowErrorView[];
  @ApiProperty() startedBy: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) finishedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) error: string | null;
}

export function toImportView(run: ImportRun): ImportRunView {
  return {
    id: run.id,
    kind: run.kind,
    fileName: run.fileName,
    state: run.state,
    rowsInFile: run.rowsInFile,
    total: run.validRows,
    done: run.nextRow,
    imported: run.imported,
    rejectedRows: run.rejectedRows,
    rejectedCount: run.rejectedCount,
    failures: run.failures,
    startedBy: run.startedBy,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
  };
}
