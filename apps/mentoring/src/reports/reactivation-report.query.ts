import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ReactivationReportQuery {
  @ApiProperty({ example: '2026-01-01', description: 'First day of the period (office time)' })
  @Matches(ISO_DATE)
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day of the period, inclusive' })
  @Matches(ISO_DATE)
  @IsISO8601({ strict: true })
  to: string;

  @ApiPropertyOptional({ example: 'Pahandut', description: "By the cooperative's current kecamatan" })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  kecamatan?: string;

  @ApiPropertyOptional({ description: 'Only cooperatives whose reactivation case is or was assigned to this officer' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  officerId?: string;
}
