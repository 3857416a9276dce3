import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { RegisterCooperativeDto } from './cooperative-fields.dto';

/** Any registry fields to change; status changes go through their own routes. */
export class UpdateCooperativeDto extends PartialType(OmitType(RegisterCooperativeDto, ['initialStatus'] as const)) {
  @ApiPropertyOptional({ description: 'The version last read; a mismatch answers 409 STALE_VERSION' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
