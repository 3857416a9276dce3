import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_INT4 } from '@koperasi/platform';
import { ActivityBody, ReasonBody } from './case-commands.dto';

/** A correction of a logged activity: the fields to change, why, and optionally the version last read. */
export class AmendActivityBody extends IntersectionType(PartialType(ActivityBody), ReasonBody) {
  @ApiPropertyOptional({ description: 'The version of the activity last read; omit to amend the current one' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  version?: number;
}

export class ActivityAmendmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The version of the activity this amendment produced (2 for the first)' })
  version: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The changed fields as they were' })
  before: object;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The changed fields as amended' })
  after: object;
  @ApiProperty() reason: string;
  @ApiProperty() amendedBy: string;
  @ApiProperty({ description: 'Name beside the id (user directory)' }) amendedByName: string;
  @ApiProperty({ type: String, format: 'date-time' }) amendedAt: Date;
}
