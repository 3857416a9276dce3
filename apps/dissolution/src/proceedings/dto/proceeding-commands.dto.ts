import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DISSOLUTION_GROUNDS, type DissolutionGround } from '@koperasi/contracts';
import { MAX_INT4 } from '@koperasi/platform';
import { NOTICE_METHODS, OBJECTION_OUTCOMES, type NoticeMethod, type ObjectionOutcome } from '../proceeding-facts';
import { IsCalendarDate } from './validators';

export class DocumentRefDto {
  @ApiProperty({ example: 'SK-KEL-2025-014' }) @IsString() @Length(1, 200) ref: string;
  @ApiProperty({ example: 'Surat keterangan tidak beroperasi' }) @IsString() @Length(1, 300) title: string;
}

export class FieldCheckDto {
  @ApiProperty({ example: '2025-05-02' }) @IsCalendarDate() checkedOn: string;
  @ApiProperty({ description: 'The kelurahan head (or official) who certifies it' })
  @IsString()
  @Length(1, 200)
  kelurahanOfficial: string;
  @ApiProperty({ example: 'No office, no business activity since 2021' }) @IsString() @Length(1, 2000) finding: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) letterRef?: string;
}

export class DebtCheckDto {
  @ApiProperty({ example: '2025-05-05' }) @IsCalendarDate() checkedOn: string;
  @ApiProperty() @IsBoolean() hasOutstandingDebts: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) notes?: string;
}

/** Every write may name the version it was based on; a mismatch answers 409 STALE_VERSION. */
export class VersionedDto {
  @ApiPropertyOptional({ description: 'The version the caller read; omit to act on the current one' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  version?: number;
}

export class ApprovalDto extends VersionedDto {
  @ApiPropertyOptional({
    example: '2025-06-01',
    description:
      'The date on the signed approval when it is recorded after the fact (default today in the office time zone); ' +
      'not before the field and debt checks, not in the future. No statutory fact may be dated before it.',
  })
  @IsOptional()
  @IsCalendarDate()
  approvedOn?: string;
}

export class CreateProceedingDto {
  @ApiProperty() @IsString() @Length(1, 120) cooperativeId: string;

  @ApiPropertyOptional({ enum: DISSOLUTION_GROUNDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(DISSOLUTION_GROUNDS, { each: true })
  grounds?: DissolutionGround[];
}

export class EditProposalDto extends VersionedDto {
  @ApiPropertyOptional({ enum: DISSOLUTION_GROUNDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(DISSOLUTION_GROUNDS, { each: true })
  grounds?: DissolutionGround[];

  @ApiPropertyOptional({ type: FieldCheckDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => FieldCheckDto)
  fieldCheck?: FieldCheckDto;
  @ApiPropertyOptional({ type: DebtCheckDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DebtCheckDto)
  debtCheck?: DebtCheckDto;

  @ApiPropertyOptional({ type: [DocumentRefDto], description: 'Replaces the list of document references' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DocumentRefDto)
  documents?: DocumentRefDto[];
}

export class ReasonDto extends VersionedDto {
  @ApiProperty({ minLength: 3 }) @IsString() @Length(3, 2000) reason: string;
}

export class NoticeDto extends VersionedDto {
  @ApiProperty({ enum: NOTICE_METHODS }) @IsIn(NOTICE_METHODS) method: NoticeMethod;
  @ApiProperty({ example: '2025-06-02' }) @IsCalendarDate() sentOn: string;
  @ApiProperty({
    example: '2025-06-05',
    description:
      'Starts the objection window (last day: 2 months later, inclusive) and the decree limit (4 months, inclusive); not before the approval',
  })
  @IsCalendarDate()
  receivedOn: string;
  @ApiPropertyOptional({ description: 'Board, members or office where it was posted' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  recipient?: string;
}

export class ObjectionDto extends VersionedDto {
  @ApiProperty() @IsCalendarDate() receivedOn: string;
  @ApiProperty({ description: 'Who filed it (board, members)' }) @IsString() @Length(1, 300) filedBy: string;
  @ApiProperty() @IsString() @Length(3, 4000) grounds: string;
  @ApiPropertyOptional({ type: [DocumentRefDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DocumentRefDto)
  documents?: DocumentRefDto[];
}

export class ObjectionDecisionDto extends ReasonDto {
  @ApiProperty({ enum: OBJECTION_OUTCOMES }) @IsIn(OBJECTION_OUTCOMES) outcome: ObjectionOutcome;
  @ApiPropertyOptional({
    description:
      'When it was decided (default today, office time zone); its last day in time is 1 month after the objection ' +
      'was received (inclusive); a later decision is accepted and marked late',
  })
  @IsOptional()
  @IsCalendarDate()
  decidedOn?: string;
}

export class DecreeDto extends VersionedDto {
  @ApiProperty({ example: '188.4/12/KOP/2025' }) @IsString() @Length(1, 120) number: string;
  @ApiProperty({
    description:
      "After the objection window's last day and every decision; no later than 4 months after the notice was received (that day included)",
  })
  @IsCalendarDate()
  date: string;
}

export class CreditorNoticeDto extends VersionedDto {
  @ApiProperty({
    description: 'Creditors may file claims until 3 months after this date (that day included); not before the decree',
  })
  @IsCalendarDate()
  noticeOn: string;
  @ApiProperty({ type: [String], description: 'The liquidation team (tim penyelesai)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  liquidators: string[];
  @ApiProperty() @IsCalendarDate() liquidatorAppointedOn: string;
}

export class SettlementReportDto extends VersionedDto {
  @ApiProperty({ description: "From the day after the creditors' claim period's last day; not in the future" })
  @IsCalendarDate()
  reportedOn: string;
  @ApiProperty() @IsString() @Length(3, 4000) summary: string;
}

export class GazetteDto extends VersionedDto {
  @ApiProperty({ description: 'The legal entity ends on this date' }) @IsCalendarDate() publishedOn: string;
  @ApiPropertyOptional({ description: 'Berita Negara reference' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  gazetteRef?: string;
}

export class CreditorNoticeCorrectionDto extends CreditorNoticeDto {
  @ApiProperty({ minLength: 3, description: 'Why the recorded creditor notice is corrected (kept in the history)' })
  @IsString()
  @Length(3, 2000)
  reason: string;
}
