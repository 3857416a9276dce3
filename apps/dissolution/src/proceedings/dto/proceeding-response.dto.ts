import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISSOLUTION_GROUNDS } from '@koperasi/contracts';
import { PROCEEDING_ACTIONS, PROCEEDING_STEPS } from '../proceeding-step';

/**
 * The convention of every service: beside each field naming a person by id (`xxxBy`, `xxxId`) a
 * read answer carries `xxxByName` / `xxxName`, the user directory's current name (else the name
 * recorded with the write, else the id). Facts objects (notice, objection, objectionDecision,
 * decree) carry theirs inside (`recordedByName`, `decidedByName`).
 */
const NAME_BESIDE_ID = 'Name beside the id (user directory); in the detail view, not in write answers';

/** OpenAPI shape of `proceedingView` (what every write and the detail view answer). */
export class NextDueResponse {
  @ApiProperty({ example: 'RECORD_DECREE' }) action: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-02-28',
    description: 'The last day on which the act is still on time (inclusive), in the office time zone',
  })
  dueOn: string | null;
  @ApiProperty({ description: 'Today is after a binding due date (objection decision, decree)' }) overdue: boolean;
}

export class StatutoryDeadlineResponse {
  @ApiProperty({ enum: ['OBJECTION_WINDOW_CLOSES', 'OBJECTION_DECISION_DUE', 'DECREE_DUE', 'CREDITOR_CLAIMS_CLOSE'] })
  kind: string;
  @ApiProperty({
    example: '2026-02-28',
    description: 'The last day on which the act is still on time (inclusive), in the office time zone',
  })
  dueOn: string;
}

export class LateActResponse {
  @ApiProperty({ enum: ['OBJECTION_DECISION'] }) act: string;
  @ApiProperty({ description: 'The last day it was due' }) dueOn: string;
  @ApiProperty({ description: 'When it was done' }) doneOn: string;
  @ApiProperty() recordedBy: string;
}

export class ProceedingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() cooperativeId: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Read model row (detail view only)',
  })
  cooperative: object | null;
  @ApiProperty({ enum: PROCEEDING_STEPS }) step: string;
  @ApiProperty({ description: 'Send it back as `version` to detect concurrent changes' }) version: number;
  @ApiProperty({ enum: PROCEEDING_ACTIONS, isArray: true }) allowedActions: string[];
  @ApiProperty({ enum: DISSOLUTION_GROUNDS, isArray: true }) grounds: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'fieldCheck, debtCheck, mentoringHistory, documents',
  })
  evidence: object;
  @ApiProperty({ type: String, nullable: true }) proposedBy: string | null;
  @ApiProperty({ type: [String], description: 'Who opened, edited or proposed it: none of them may approve it' })
  proposalAuthors: string[];
  @ApiProperty({ type: String, nullable: true, description: 'Date of the approval; no statutory fact before it' })
  approvedOn: string | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Every objection with its decision (afterWindowClosed: recorded after the window timer fired)',
  })
  objections: object[];
  @ApiProperty({ type: [LateActResponse], description: 'Statutory acts done after their due date' })
  lateActs: LateActResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, description: NAME_BESIDE_ID })
  proposedByName?: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: NAME_BESIDE_ID })
  approvedByName?: string | null;
  @ApiProperty() openedBy: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: NAME_BESIDE_ID }) openedByName?: string | null;
  @ApiProperty({ type: String, nullable: true }) closedBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: NAME_BESIDE_ID }) closedByName?: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) notice: object | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) objection: object | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) objectionDecision: object | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) decree: object | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) liquidation: object | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) gazette: object | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Raised by a recorded RAT' })
  reviewFlag: object | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'The registry refused a status change this proceeding asked for: refusedEventType, expectedStatus, actualStatus, requestedStatus, reasonCode, reason, refusedAt',
  })
  registryRefusal: object | null;
  @ApiProperty({ type: [StatutoryDeadlineResponse] }) deadlines: StatutoryDeadlineResponse[];
  @ApiProperty({ type: NextDueResponse, nullable: true }) nextDue: NextDueResponse | null;
  @ApiProperty({ type: String, nullable: true }) closedReason: string | null;
}
