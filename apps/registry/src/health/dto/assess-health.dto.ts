import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { HEALTH_CATEGORIES, type HealthCategory } from '@koperasi/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { AmendmentReasonDto } from '../../common/amendment';
import { AmendmentView } from '../../common/amendment-history';
import { IsCalendarDate } from '../../common/validators';

const RATING = { minimum: 1, maximum: 4, description: '1 (best) to 4' };

export class SchemeBRatingsDto {
  @ApiProperty(RATING) @IsInt() @Min(1) @Max(4) GOVERNANCE: number;
  @ApiProperty(RATING) @IsInt() @Min(1) @Max(4) RISK_PROFILE: number;
  @ApiProperty(RATING) @IsInt() @Min(1) @Max(4) FINANCIAL_PERFORMANCE: number;
  @ApiProperty(RATING) @IsInt() @Min(1) @Max(4) CAPITAL: number;
}

export class AssessHealthDto {
  @ApiProperty({ example: 2023, description: 'The cooperative must have a RAT for this fiscal year' })
  @IsInt()
  @Min(1960)
  @Max(2200)
  fiscalYear: number;

  @ApiProperty({
    enum: ['A', 'B'],
    description: 'A: savings-and-loan rubric, scored here; B: current rubric, category set by the assessor',
  })
  @IsIn(['A', 'B'])
  scheme: 'A' | 'B';

  @ApiProperty({ example: '2024-05-10' })
  @IsCalendarDate()
  assessedOn: string;

  @ApiPropertyOptional({
    description: 'Scheme A only: every component code of the rubric (GET /health-rubrics) with its value in percent',
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  @IsOptional()
  @IsObject()
  components?: Record<string, unknown>;

  @ApiPropertyOptional({ type: SchemeBRatingsDto, description: 'Scheme B only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SchemeBRatingsDto)
  aspectRatings?: SchemeBRatingsDto;

  @ApiPropertyOptional({ enum: HEALTH_CATEGORIES, description: "Scheme B only: the assessor's final category" })
  @IsOptional()
  @IsIn(HEALTH_CATEGORIES)
  finalCategory?: HealthCategory;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

/**
 * A correction of an assessment and why: its date, notes, and scheme A components (re-scored as a
 * whole) or scheme B ratings and final category. Its fiscal year and scheme stay.
 */
export class AmendAssessmentDto extends IntersectionType(
  PartialType(OmitType(AssessHealthDto, ['fiscalYear', 'scheme'] as const)),
  AmendmentReasonDto,
) {}

export class HealthAssessmentView {
  @ApiProperty() id: string;
  @ApiProperty() cooperativeId: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ enum: ['A', 'B'] }) scheme: 'A' | 'B';
  @ApiProperty() rubricVersion: string;
  @ApiPropertyOptional({ nullable: true }) score: number | null;
  @ApiProperty({ enum: HEALTH_CATEGORIES }) category: HealthCategory;
  @ApiProperty({ type: 'object', additionalProperties: true }) evidence: Record<string, unknown>;
  @ApiProperty() assessedOn: string;
  @ApiPropertyOptional({ nullable: true }) notes: string | null;
  @ApiProperty() assessedBy: string;
  @ApiPropertyOptional({ type: String, description: 'Name beside the id (user directory); in the list' })
  assessedByName?: string | null;
  @ApiProperty() recordedAt: string;
  @ApiPropertyOptional({ type: [AmendmentView], description: 'Its corrections, oldest first; in the list' })
  amendments?: AmendmentView[];
}
