import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { RegisterCooperativeDto } from './cooperative-fields.dto';

/** Any registry fields to change; status changes go through their own routes. */
export class UpdateCooperativeDto extends PartialType(OmitType(RegisterCooperativeDto, ['initialStatus'] as const)) {
  @ApiPropertyOptional({ description: 'The version last read; a mismatch answers 409 STALE_VERSION' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ApiPropertyOptional({
    description:
      'Why the recorded values change (kept in the audit log with the previous values); required to correct the legal identity (legalEntityNumber, legalEntityDate)',
  })
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  reason?: string;
}
