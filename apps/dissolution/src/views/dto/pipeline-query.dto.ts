import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { PageQuery, SearchText } from '@koperasi/platform';
import { PROCEEDING_STEPS, type ProceedingStep } from '../../proceedings/proceeding-step';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class PipelineFilterDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 120) kecamatan?: string;

  @ApiPropertyOptional({ description: 'Only proceedings flagged for review (a RAT was recorded)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  flagged?: boolean;
}

export class ProceedingListQuery extends PageQuery {
  @SearchText('The exact cooperative id, or part of the cooperative name (case-insensitive)')
  q?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only this cooperative's proceedings (exact registry id; malformed: 400 INVALID_IDENTIFIER)",
  })
  @IsOptional()
  @IsString()
  cooperativeId?: string;

  @ApiPropertyOptional({ enum: PROCEEDING_STEPS }) @IsOptional() @IsIn(PROCEEDING_STEPS) step?: ProceedingStep;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 120) kecamatan?: string;

  @ApiPropertyOptional({ description: 'Only proceedings past a binding deadline (objection decision, decree)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    description: 'Only proceedings whose next date falls within N days from today',
    minimum: 0,
    maximum: 366,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  dueWithinDays?: number;

  @ApiPropertyOptional({ description: 'Only proceedings flagged for review' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  flagged?: boolean;

  @ApiPropertyOptional({ description: 'Include closed proceedings (gazetted, withdrawn, rejected, objection upheld)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeClosed?: boolean;
}
