import { ApiProperty } from '@nestjs/swagger';
import { ActivityAmendmentResponse } from './activity-amendment.dto';

/**
 * OpenAPI shapes of the answers that name people. The convention of every service: beside each
 * person's id (`xxxId`, `xxxBy`) a read answer carries `xxxName` (`xxxByName`), the user
 * directory's current name, else the name recorded with the write, else the id (`system`: System).
 */
const NAME = 'Name beside the id (user directory)';

export class HistoryEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty() actorId: string;
  @ApiProperty({ type: String, nullable: true, description: NAME }) actorName: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) fromStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) toStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) fromAssigneeId: string | null;
  @ApiProperty({ type: String, nullable: true, description: NAME }) fromAssigneeName: string | null;
  @ApiProperty({ type: String, nullable: true }) toAssigneeId: string | null;
  @ApiProperty({ type: String, nullable: true, description: NAME }) toAssigneeName: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: object;
}

export class ActivityResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: ['VISIT', 'CALL', 'MEETING', 'DOCUMENT_RECEIVED', 'NOTE'] }) kind: string;
  @ApiProperty({ example: '2026-11-20' }) occurredOn: string;
  @ApiProperty() authorId: string;
  @ApiProperty({ description: NAME }) authorName: string;
  @ApiProperty({ description: 'As amended, when it was' }) text: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ description: '1 as logged, one more per amendment' }) version: number;
  @ApiProperty({ description: 'Whether the activity was corrected since it was logged' }) amended: boolean;
  @ApiProperty({ type: [ActivityAmendmentResponse], description: 'Its corrections, oldest first' })
  amendments: ActivityAmendmentResponse[];
}

export class CaseDetailPeopleResponse {
  @ApiProperty({ type: String, nullable: true }) assigneeId: string | null;
  @ApiProperty({ type: String, nullable: true, description: NAME }) assigneeName: string | null;
  @ApiProperty() openedBy: string;
  @ApiProperty({ type: String, nullable: true, description: NAME }) openedByName: string | null;
  @ApiProperty({ type: String, nullable: true }) closedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: NAME }) closedByName: string | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Steps with doneAt, doneBy and doneByName',
  })
  checklist: object[];
  @ApiProperty({ type: [ActivityResponse] }) activities: ActivityResponse[];
  @ApiProperty({ type: [HistoryEntryResponse] }) history: HistoryEntryResponse[];
}
