import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { AmendmentReasonDto } from '../../common/amendment';
import { AmendmentView } from '../../common/amendment-history';
import { MAX_MEMBERS, MAX_RUPIAH } from '../../common/ranges';
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

  @ApiProperty({ minimum: 0, maximum: MAX_MEMBERS })
  @IsInt()
  @Min(0)
  @Max(MAX_MEMBERS)
  membersPresent: number;

  @ApiProperty({ minimum: 1, maximum: MAX_MEMBERS })
  @IsInt()
  @Min(1)
  @Max(MAX_MEMBERS)
  membersTotal: number;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() accountabilityReportReceived?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() financialStatementsReceived?: boolean;
  @ApiPropertyOptional({ default: false, description: 'Work plan and budget (RK/RAPB)' })
  @IsOptional()
  @IsBoolean()
  workPlanReceived?: boolean;

  @ApiPropertyOptional({ description: 'Rupiah', minimum: 0, maximum: MAX_RUPIAH })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_RUPIAH)
  ownCapital?: number;
  @ApiPropertyOptional({ description: 'Rupiah', minimum: 0, maximum: MAX_RUPIAH })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_RUPIAH)
  outsideCapital?: number;
  @ApiPropertyOptional({ description: 'Rupiah', minimum: 0, maximum: MAX_RUPIAH })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_RUPIAH)
  assets?: number;
  @ApiPropertyOptional({ description: 'Rupiah', minimum: 0, maximum: MAX_RUPIAH })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_RUPIAH)
  businessVolume?: number;
  @ApiPropertyOptional({ description: 'SHU in rupiah; negative for a loss' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(-MAX_RUPIAH)
  @Max(MAX_RUPIAH)
  surplus?: number;
}

/** A correction of a recorded RAT: the fields to change (its fiscal year too) and why. */
export class AmendRatDto extends IntersectionType(PartialType(RecordRatDto), AmendmentReasonDto) {}

export class RatView extends RecordRatDto {
  @ApiProperty() id: string;
  @ApiProperty() cooperativeId: string;
  @ApiProperty() deadline: string;
  @ApiProperty({ description: 'Held after the deadline: flagged, not refused' }) late: boolean;
  @ApiProperty() recordedBy: string;
  @ApiPropertyOptional({ type: String, description: 'Name beside the id (user directory); in the list' })
  recordedByName?: string | null;
  @ApiProperty() recordedAt: string;
  @ApiPropertyOptional({ type: [AmendmentView], description: 'Its corrections, oldest first; in the list' })
  amendments?: AmendmentView[];
}
