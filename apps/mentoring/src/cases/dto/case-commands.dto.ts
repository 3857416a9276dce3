import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_INT4 } from '@koperasi/platform';
import { ALL_OUTCOMES } from '../case-outcomes';
import { ACTIVITY_KINDS, CASE_TYPES, PRIORITIES, type ActivityKind, type CaseType, type Priority } from '../case-types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ReasonBody {
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

/** A write that changes a case may name the version it was based on; a mismatch answers 409 STALE_VERSION. */
export class CaseChangeBody extends ReasonBody {
  @ApiPropertyOptional({ description: 'The version of the case last read; omit to act on the current one' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  version?: number;
}

export class OpenCaseBody extends ReasonBody {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  cooperativeId: string;

  @ApiProperty({ enum: CASE_TYPES })
  @IsIn(CASE_TYPES)
  type: CaseType;

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'NORMAL' })
  @IsIn(PRIORITIES)
  priority: Priority = 'NORMAL';

  @ApiPropertyOptional({
    example: '2026-11-02',
    description:
      'The office date the request reached the office (a letter, a complaint at the desk), when it is entered later: the service level runs from the start of that day, not from the entry. Not after today (422 RECEIVED_ON_IN_FUTURE); defaults to now',
  })
  @IsOptional()
  @Matches(ISO_DATE)
  @IsISO8601({ strict: true })
  receivedOn?: string;
}

export class AssignBody extends CaseChangeBody {
  @ApiProperty({
    description:
      'User id of an active officer or supervisor of the user directory (422 UNKNOWN_USER, USER_INACTIVE, USER_CANNOT_TAKE_WORK otherwise)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  assigneeId: string;

  @ApiPropertyOptional({ deprecated: true, description: "Ignored: the name shown is the user directory's" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  assigneeName?: string;
}

export class PriorityBody extends CaseChangeBody {
  @ApiProperty({ enum: PRIORITIES })
  @IsIn(PRIORITIES)
  priority: Priority;
}

export class HoldBody extends CaseChangeBody {
  @ApiProperty({
    example: '2026-12-31',
    description: 'The case returns to the queue at the start of this date (office time)',
  })
  @Matches(ISO_DATE)
  @IsISO8601({ strict: true })
  until: string;
}

export class CloseBody extends CaseChangeBody {
  @ApiProperty({ enum: ALL_OUTCOMES, description: 'Must fit the case type (see GET /case-types)' })
  @IsString()
  @MaxLength(40)
  outcome: string;

  @ApiPropertyOptional({
    description: 'Required for a failed reactivation (NO_BOARD, NO_MEMBERS, UNREACHABLE, NO_BUSINESS)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  evidenceNotes?: string;
}

export class ChecklistStepBody {
  @ApiProperty()
  @IsBoolean()
  done: boolean;
}

export class ActivityBody {
  @ApiProperty({ enum: ACTIVITY_KINDS })
  @IsIn(ACTIVITY_KINDS)
  kind: ActivityKind;

  @ApiProperty({ example: '2026-11-20', description: 'Not after today at the office (422 DATE_IN_FUTURE)' })
  @Matches(ISO_DATE)
  @IsISO8601({ strict: true })
  occurredOn: string;

  /** Each activity travels in the reactivation-failed event's evidence: 100 of them stay well under its size cap. */
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text: string;
}

export class BulkTarget {
  @ApiProperty({ description: 'User id of an active officer or supervisor of the user directory' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  id: string;

  @ApiPropertyOptional({ deprecated: true, description: "Ignored: the name shown is the user directory's" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class BulkReassignBody extends ReasonBody {
  @ApiProperty({ description: 'The officer whose open cases are moved' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  fromAssigneeId: string;

  @ApiProperty({ type: [BulkTarget], description: 'Officers receiving the cases, in turn (round robin)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BulkTarget)
  to: BulkTarget[];

  @ApiPropertyOptional({ type: [String], description: 'Only these cases (default: all open cases of fromAssigneeId)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  caseIds?: string[];

  @ApiPropertyOptional({ default: false, description: 'Answer what would change without changing anything' })
  @IsBoolean()
  dryRun: boolean = false;
}
