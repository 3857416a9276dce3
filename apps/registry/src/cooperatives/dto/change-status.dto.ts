import { ApiProperty } from '@nestjs/swagger';
import { COOPERATIVE_STATUSES, type CooperativeStatus } from '@koperasi/contracts';
import { IsIn, IsString, Length } from 'class-validator';

export class ChangeStatusDto {
  @ApiProperty({ enum: ['ACTIVE', 'INACTIVE'], description: 'Only ACTIVE <-> INACTIVE corrections are made by hand' })
  @IsIn(COOPERATIVE_STATUSES)
  to: CooperativeStatus;

  @ApiProperty({ example: 'Registry correction after a field visit' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}
