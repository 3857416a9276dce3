import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@koperasi/platform';
import { PROCEEDING_STEPS } from '../proceedings/proceeding-step';
import { APPROVAL_KINDS } from './approval-kinds';
import { ApprovalsInbox } from './approvals-inbox.service';
import { ApprovalsQuery } from './dto/approvals-query.dto';

class ApprovalItem {
  @ApiProperty({ enum: APPROVAL_KINDS }) kind: string;
  @ApiProperty({ format: 'uuid' }) proceedingId: string;
  @ApiProperty({ description: 'Send it back as `version` with the action' }) version: number;
  @ApiProperty({ enum: PROCEEDING_STEPS }) step: string;
  @ApiProperty() cooperativeId: string;
  @ApiProperty({ type: String, nullable: true }) cooperativeName: string | null;
  @ApiProperty({ type: String, nullable: true }) kecamatan: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-31', description: 'Next statutory date' })
  dueOn: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Days from today (office time); negative when past' })
  daysLeft: number | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ description: 'The date is a statutory limit (objection decision, decree)' }) binding: boolean;
  @ApiProperty({ type: String, nullable: true }) proposedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Name beside the id (user directory)' })
  proposedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) proposedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) approvedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedByName: string | null;
  @ApiProperty({ description: 'The caller proposed it, so four-eyes lets only someone else approve it' })
  proposedByYou: boolean;
}

class ApprovalsResponse {
  @ApiProperty({ example: '2026-11-30' }) today: string;
  @ApiProperty({ type: [ApprovalItem] }) items: ApprovalItem[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

@ApiTags('proceedings')
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly inbox: ApprovalsInbox) {}

  @Get()
  @Roles('supervisor', 'manager')
  @ApiOperation({
    summary:
      "A supervisor's inbox: proposals to approve, objections to decide, decrees to record; nearest statutory date first",
  })
  @ApiOkResponse({ type: ApprovalsResponse })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ApprovalsQuery) {
    return this.inbox.list(user, query);
  }
}
