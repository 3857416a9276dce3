import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { AmendmentReasonDto } from '../../common/amendment';
import { IsCalendarDate } from '../../common/validators';

export class RecordRatDto {
  @ApiProperty({ example: 2023, description: 'Tahun buku the meeting accounts for' })
  @IsInt()
  @Min(1960)
  @Max(2200)
  fiscalYear: number;

  @ApiProperty({ example: '2024-03-20', description: 'After the fiscal year ended, not in the future' })
  @IsCalendarDate()
  meetingDate: string;

  @ApiProperty({
    example: '2024-04-02',
    description: 'Reported to the office; not before the meeting, not in the future',
  })
  @IsCalendarDate()
  reportedDate: string;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  membersPresent: number;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  membersTotal: number;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() accountabilityReportReceived?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() financialStatementsReceived?: boolean;
  @ApiPropertyOptional({ default: false, description: 'Work plan and budget (RK/RAPB)' })
  @IsOptional()
  @IsBoolean()
  workPlanReceived?: boolean;

  @ApiPropertyOptional({ description: 'Rupiah' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  ownCapital?: number;
  @ApiPropertyOptional({ description: 'Rupiah' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  outsideCapital?: number;
  @ApiPropertyOptional({ description: 'Rupiah' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  assets?: number;
  @ApiPropertyOptional({ description: 'Rupiah' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  businessVolume?: number;
  @ApiPropertyOptional({ description: 'SHU in rupiah; negative for a loss' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  surplus?: number;
}

/** A correction of a recorded RAT: the fields to change (not its fiscal year) and why. */
export class AmendRatDto extends IntersectionType(
  PartialType(OmitType(RecordRatDto, ['fiscalYear'] as const)),
  AmendmentReasonDto,
) {}

export class RatView extends RecordRatDto {
  @ApiProperty() id: string;
  @ApiProperty() cooperativeId: string;
  @ApiProperty() deadline: string;
  @ApiProperty({ description: 'Held after the deadline: flagged, not refused' }) late: boolean;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: string;
}
