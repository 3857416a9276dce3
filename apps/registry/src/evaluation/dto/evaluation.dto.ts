import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQuery } from '@koperasi/platform';
import { EVALUATION_STATES, type EvaluationRun } from '../evaluation-run.entity';
import type { RunCooperativeRow } from '../evaluation.sql';
import { evaluationWindow } from '../evaluation-rule';

export class StartEvaluationDto {
  @ApiProperty({
    example: 2023,
    description:
      'A fiscal year that has ended, at most EVALUATION_MAX_YEARS_BACK (default 10) years back; a year with a completed real run cannot be run again',
  })
  @IsInt()
  @Min(1960)
  @Max(2200)
  fiscalYear: number;

  @ApiPropertyOptional({
    default: false,
    description: 'List and count what would change without changing it (GET /evaluations/{id}/cooperatives)',
  })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class ListEvaluationsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1960)
  @Max(2200)
  fiscalYear?: number;
}

class EvaluationOutcomes {
  @ApiProperty({ description: 'ACTIVE without a RAT in the window: set INACTIVE (dry run: would be)' })
  becameInactive: number;
  @ApiProperty({ description: 'ACTIVE with a RAT in the window' }) keptActive: number;
  @ApiProperty({ description: 'Not ACTIVE: left alone' }) notActive: number;
}

export class EvaluationRunView {
  @ApiProperty() id: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ description: 'N: fiscal years without a RAT that make a cooperative inactive' })
  inactiveAfterYears: number;
  @ApiProperty({ description: 'Fiscal years in which a RAT keeps a cooperative active' }) window: {
    from: number;
    to: number;
  };
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ enum: EVALUATION_STATES }) state: string;
  @ApiProperty({ description: 'Cooperatives evaluated so far' }) done: number;
  @ApiPropertyOptional({ nullable: true, description: 'Cooperatives to evaluate; null until the run is planned' })
  total: number | null;
  @ApiProperty() chunks: { done: number; total: number | null };
  @ApiProperty({ type: EvaluationOutcomes }) outcomes: EvaluationOutcomes;
  @ApiProperty() startedBy: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) startedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) finishedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) error: string | null;
}

export class EvaluationRunPage {
  @ApiProperty({ type: [EvaluationRunView] }) items: EvaluationRunView[];
  @ApiProperty() total: number;
}

export function toEvaluationView(run: EvaluationRun): EvaluationRunView {
  return {
    id: run.id,
    fiscalYear: run.fiscalYear,
    inactiveAfterYears: run.inactiveAfterYears,
    window: evaluationWindow(run.fiscalYear, run.inactiveAfterYears),
    dryRun: run.dryRun,
    state: run.state,
    done: run.processed,
    total: run.total,
    chunks: { done: run.chunksDone, total: run.chunksTotal },
    outcomes: { becameInactive: run.becameInactive, keptActive: run.keptActive, notActive: run.notActive },
    startedBy: run.startedBy,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
  };
}

export class EvaluationRunCooperativeView {
  @ApiProperty() cooperativeId: string;
  @ApiProperty() name: string;
  @ApiProperty() legalEntityNumber: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
  @ApiProperty({ description: 'Current status (a dry run changed nothing)' }) status: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Latest fiscal year with a RAT' })
  lastRatYear: number | null;
}

export class EvaluationRunCooperativePage {
  @ApiProperty({ type: [EvaluationRunCooperativeView] }) items: EvaluationRunCooperativeView[];
  @ApiProperty() total: number;
}

export function toRunCooperativeView(row: RunCooperativeRow): EvaluationRunCooperativeView {
  return {
    cooperativeId: row.id,
    name: row.name,
    legalEntityNumber: row.legal_entity_number,
    kecamatan: row.kecamatan,
    kelurahan: row.kelurahan,
    status: row.status,
    lastRatYear: row.last_rat_year || null,
  };
}
