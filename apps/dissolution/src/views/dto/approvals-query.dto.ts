import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '@koperasi/platform';
import { APPROVAL_KINDS, type ApprovalKind } from '../approval-kinds';

export class ApprovalsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPROVAL_KINDS }) @IsOptional() @IsIn(APPROVAL_KINDS) kind?: ApprovalKind;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 120) kecamatan?: string;
}
