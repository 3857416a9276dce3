import { ApiPropertyOptional } from '@nestjs/swagger';
import { COOPERATIVE_STATUSES } from '@koperasi/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE, SearchText } from '@koperasi/platform';
import { COOPERATIVE_TYPES, NIK_CERTIFICATE_STATUSES } from '../cooperative-codes';

export const COOPERATIVE_SORTS = ['name', 'registeredAt', 'legalEntityNumber', 'lastRatYear'] as const;
export type CooperativeSort = (typeof COOPERATIVE_SORTS)[number];

/** Filters shared by the list and the CSV export. */
export class CooperativeFilterQuery {
  @SearchText('Name (contains, case-insensitive) or legal-entity number (prefix) / NIK (exact)')
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  kecamatan?: string;

  @ApiPropertyOptional({ enum: COOPERATIVE_TYPES })
  @IsOptional()
  @IsIn(COOPERATIVE_TYPES)
  type?: string;

  @ApiPropertyOptional({ enum: COOPERATIVE_STATUSES })
  @IsOptional()
  @IsIn(COOPERATIVE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Latest fiscal year with a RAT equals this' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2200)
  lastRatYear?: number;

  @ApiPropertyOptional({ enum: NIK_CERTIFICATE_STATUSES })
  @IsOptional()
  @IsIn(NIK_CERTIFICATE_STATUSES)
  nikCertificateStatus?: string;

  @ApiPropertyOptional({ enum: COOPERATIVE_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(COOPERATIVE_SORTS)
  sort: CooperativeSort = 'name';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';
}

export class ListCooperativesQuery extends CooperativeFilterQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Ignored when `after` is given' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  offset: number = 0;

  @ApiPropertyOptional({ description: 'Keyset cursor: the `nextCursor` of the previous page (fast for deep pages)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  after?: string;
}
