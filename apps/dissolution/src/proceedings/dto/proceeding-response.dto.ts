import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISSOLUTION_GROUNDS } from '@koperasi/contracts';
import { PROCEEDING_ACTIONS, PROCEEDING_STEPS } from '../proceeding-step';

/** OpenAPI shape of `proceedingView` (what every write and the detail view answer). */
export class NextDueResponse {
  @ApiProperty({ example: 'RECORD_DECREE' }) action: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-02-28' }) dueOn: string | null;
  @ApiProperty({ description: 'Past a binding date (objection decision, decree)' }) overdue: boolean;
}

export class StatutoryDeadlineResponse {
  @ApiProperty({ enum: ['OBJECTION_WINDOW_CLOSES', 'OBJECTION_DECISION_DUE', 'DECREE_DUE', 'CREDITOR_CLAIMS_CLOSE'] })
  kind: string;
  @ApiProperty({ example: '2026-02-28' }) dueOn: string;
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
  @ApiProperty({ type: String, nullable: true }) approvedBy: string | null;
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
