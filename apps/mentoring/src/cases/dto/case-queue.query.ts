import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery, SearchText } from '@koperasi/platform';
import { CASE_STATUSES, type CaseStatus } from '../case-status';
import { CASE_TYPES, PRIORITIES, type CaseType, type Priority } from '../case-types';

export const QUEUE_TABS = ['all', 'unassigned', 'mine', 'on-hold', 'overdue', 'due-soon'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
export const QUEUE_SORTS = ['priority', 'dueAt', 'openedAt'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** A trigram index narrows a substring match of 3 characters or more; a shorter one would scan every case. */

export const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Filters shared by the queue lists and the per-tab counts. */
export class CaseFilterQuery {
  @ApiPropertyOptional({ enum: CASE_TYPES })
  @IsOptional()
  @IsIn(CASE_TYPES)
  type?: CaseType;

  @ApiPropertyOptional({ description: "The registry's cooperative id" })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  cooperativeId?: string;

  @ApiPropertyOptional({ example: 'Pahandut' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  kecamatan?: string;

  @ApiPropertyOptional({
    enum: CASE_STATUSES,
    description: 'CLOSED lists closed cases; otherwise only open cases are listed',
  })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(120)
  assigneeId?: string;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ description: 'true: only cases past their due date; false: only cases not yet due' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @SearchText('Part of the cooperative name, legal-entity number or NIK (3 characters or more)')
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 7, description: 'Window of the due-soon tab' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  dueWithinDays: number = 7;
}

export class CaseQueueQuery extends IntersectionType(PageQuery, CaseFilterQuery) {
  @ApiPropertyOptional({ enum: QUEUE_TABS, default: 'all' })
  @IsIn(QUEUE_TABS)
  tab: QueueTab = 'all';

  @ApiPropertyOptional({ enum: QUEUE_SORTS, default: 'priority' })
  @IsIn(QUEUE_SORTS)
  sort: QueueSort = 'priority';

  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    description: 'Default: most urgent first, earliest due first, oldest first',
  })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
