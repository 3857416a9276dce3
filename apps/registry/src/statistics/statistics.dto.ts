import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { COOPERATIVE_STATUSES, type CooperativeStatus } from '@koperasi/contracts';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../common/validators';

export class StatisticsQuery {
  @ApiPropertyOptional({
    description: 'Counts as they stood at the end of this office day (from the status history); omit for now',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class TransitionsQuery {
  @ApiProperty({ description: 'First office day of the period (inclusive)', example: '2024-01-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ description: 'Last office day of the period (inclusive)', example: '2024-12-31' })
  @IsCalendarDate()
  to: string;

  @ApiPropertyOptional({ description: 'Only cooperatives (currently) in this kecamatan' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  kecamatan?: string;
}

export type StatusCounts = Record<CooperativeStatus, number>;

const statusCounts: ApiPropertyOptions = {
  type: 'object',
  properties: Object.fromEntries(COOPERATIVE_STATUSES.map((s) => [s, { type: 'integer' }])),
};

export class GroupCounts {
  @ApiProperty() key: string;
  @ApiProperty() total: number;
  @ApiProperty(statusCounts) byStatus: StatusCounts;
}

export class RatYearCount {
  @ApiProperty() fiscalYear: number;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Of which held after the deadline' }) late: number;
}

export class StatisticsView {
  @ApiPropertyOptional({ nullable: true }) asOf: string | null;
  @ApiProperty() total: number;
  @ApiProperty(statusCounts) byStatus: StatusCounts;
  @ApiProperty({ type: [GroupCounts] }) byKecamatan: GroupCounts[];
  @ApiProperty({ type: [GroupCounts] }) byType: GroupCounts[];
  @ApiProperty({ type: [RatYearCount], description: 'RATs reported by the date, per fiscal year' })
  ratsByFiscalYear: RatYearCount[];
}

export class TransitionCount {
  @ApiProperty({ enum: COOPERATIVE_STATUSES }) from: CooperativeStatus;
  @ApiProperty({ enum: COOPERATIVE_STATUSES }) to: CooperativeStatus;
  @ApiProperty() count: number;
}

export class TransitionsView {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiPropertyOptional({ nullable: true }) kecamatan: string | null;
  @ApiProperty({ description: "The office's UTC offset in minutes: effective dates are office days" })
  utcOffsetMinutes: number;
  @ApiProperty({
    ...statusCounts,
    description: 'Status changes that took effect in the period, into each status (registrations excluded)',
  })
  into: StatusCounts;
  @ApiProperty({ type: [TransitionCount] }) transitions: TransitionCount[];
  @ApiProperty({ description: 'Registrations in effect from a day of the period (the legal-entity date)' })
  registered: number;
}
