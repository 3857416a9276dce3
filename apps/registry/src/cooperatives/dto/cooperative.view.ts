import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COOPERATIVE_STATUSES, type CooperativeStatus } from '@koperasi/contracts';
import type { Cooperative } from '../cooperative.entity';
import type { StatusHistoryEntry } from '../status-history.entity';

export class CooperativeView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() legalEntityNumber: string;
  @ApiProperty() legalEntityDate: string;
  @ApiPropertyOptional({ nullable: true }) articlesAmendmentNumber: string | null;
  @ApiPropertyOptional({ nullable: true }) articlesAmendmentDate: string | null;
  @ApiPropertyOptional({ nullable: true }) nik: string | null;
  @ApiProperty() nikCertificateStatus: string;
  @ApiPropertyOptional({ nullable: true }) nikCertificateExpiresOn: string | null;
  @ApiProperty() form: string;
  @ApiProperty() type: string;
  @ApiPropertyOptional({ nullable: true }) group: string | null;
  @ApiProperty() scheme: string;
  @ApiPropertyOptional({ nullable: true }) businessSectorCode: string | null;
  @ApiPropertyOptional({ nullable: true }) street: string | null;
  @ApiProperty() kelurahan: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty() city: string;
  @ApiProperty() province: string;
  @ApiPropertyOptional({ nullable: true }) phone: string | null;
  @ApiPropertyOptional({ nullable: true }) email: string | null;
  @ApiPropertyOptional({ nullable: true }) chair: string | null;
  @ApiPropertyOptional({ nullable: true }) secretary: string | null;
  @ApiPropertyOptional({ nullable: true }) treasurer: string | null;
  @ApiPropertyOptional({ nullable: true }) supervisoryBoard: string | null;
  @ApiPropertyOptional({ nullable: true }) manager: string | null;
  @ApiProperty() membersMale: number;
  @ApiProperty() membersFemale: number;
  @ApiProperty() employees: number;
  @ApiProperty({ enum: COOPERATIVE_STATUSES }) status: CooperativeStatus;
  @ApiProperty() statusChangedAt: string;
  @ApiPropertyOptional({ nullable: true, description: 'Latest fiscal year with a recorded RAT' }) lastRatYear:
    number | null;
  @ApiProperty() registeredAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

export class CooperativePage {
  @ApiProperty({ type: [CooperativeView] }) items: CooperativeView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
  @ApiPropertyOptional({ nullable: true, description: 'Pass as `after` for the next page' }) nextCursor: string | null;
}

export class StatusHistoryView {
  @ApiPropertyOptional({ enum: COOPERATIVE_STATUSES, nullable: true, description: 'Null on the registration entry' })
  from: CooperativeStatus | null;
  @ApiProperty({ enum: COOPERATIVE_STATUSES }) to: CooperativeStatus;
  @ApiProperty({ description: 'When the change was recorded' }) at: string;
  @ApiProperty({
    description:
      'The office day the change took effect (registration: legal-entity date; DISSOLVED: decree date; LEGAL_ENTITY_REVOKED: gazette date; otherwise the day recorded)',
  })
  effectiveOn: string;
  @ApiProperty() reason: string;
  @ApiProperty() actorId: string;
  @ApiPropertyOptional({ nullable: true }) triggeringEventId: string | null;
  @ApiPropertyOptional({ nullable: true }) evaluationRunId: string | null;
}

export function toCooperativeView(c: Cooperative): CooperativeView {
  const { lastRatYear, statusChangedAt, registeredAt, updatedAt, ...rest } = c;
  return {
    ...rest,
    lastRatYear: lastRatYear > 0 ? lastRatYear : null,
    statusChangedAt: statusChangedAt.toISOString(),
    registeredAt: registeredAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export function toStatusHistoryView(entry: StatusHistoryEntry): StatusHistoryView {
  return {
    from: entry.fromStatus,
    to: entry.toStatus,
    at: entry.at.toISOString(),
    effectiveOn: entry.effectiveOn,
    reason: entry.reason,
    actorId: entry.actorId,
    triggeringEventId: entry.triggeringEventId,
    evaluationRunId: entry.evaluationRunId,
  };
}
