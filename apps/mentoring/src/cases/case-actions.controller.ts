import { Body, Controller, HttpCode, HttpStatus, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  ApiIdempotencyKey,
  Command,
  UuidParam,
  CurrentUser,
  ErrorBody,
  IdempotentCommands,
  Roles,
  type AuthenticatedUser,
  type CommandContext,
} from '@koperasi/platform';
import { BulkReassign } from './bulk-reassign.service';
import { CaseActivities } from './case-activities.service';
import { CaseQueries } from './case-queries.service';
import { CaseWork } from './case-work.service';
import { AmendActivityBody } from './dto/activity-amendment.dto';
import {
  ActivityBody,
  AssignBody,
  BulkReassignBody,
  ChecklistStepBody,
  CloseBody,
  HoldBody,
  PriorityBody,
  CaseChangeBody,
} from './dto/case-commands.dto';
import { ActivityResponse } from './dto/case-people.response';

@ApiTags('cases')
@ApiNotFoundResponse({ type: ErrorBody, description: 'CASE_NOT_FOUND' })
@ApiConflictResponse({
  type: ErrorBody,
  description:
    'CASE_INVALID_TRANSITION, CASE_ALREADY_CLAIMED, CASE_CLOSED, CASE_ALREADY_OPEN, STALE_VERSION (the body named an older version)',
})
@Controller('cases')
export class CaseActionsController {
  constructor(
    private readonly work: CaseWork,
    private readonly activities: CaseActivities,
    private readonly queries: CaseQueries,
    private readonly bulk: BulkReassign,
    private readonly commands: IdempotentCommands,
  ) {}

  @Post('bulk-reassign')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: "Move an officer's open cases to others in turn; dryRun answers the plan" })
  @ApiOkResponse({
    description: '{ dryRun, summary, results: [{ caseId, fromAssigneeId, toAssigneeId, outcome, problem? }] }',
  })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'BULK_TARGET_IS_SOURCE, BULK_TOO_MANY_CASES' })
  bulkReassign(@CurrentUser() user: AuthenticatedUser, @Body() body: BulkReassignBody) {
    return this.bulk.run(user, body);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Take an unassigned case; of two claims at once one wins, the other gets 409' })
  @ApiOkResponse({ description: 'The case, now ASSIGNED to you' })
  claim(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string) {
    return this.work.claim(user, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Assign or reassign the case, with a reason; the old assignment stays in the history' })
  @ApiOkResponse({ description: 'The case with its new assignee (still ON_HOLD when it was on hold)' })
  assign(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: AssignBody) {
    return this.work.assign(user, id, body);
  }

  @Post(':id/priority')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Change the priority of an open case, with a reason' })
  @ApiOkResponse({ description: 'The case with its new priority' })
  setPriority(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: PriorityBody) {
    return this.work.setPriority(user, id, body);
  }

  @Post(':id/hold')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Put the case on hold until a date; it returns to the queue by itself then' })
  @ApiOkResponse({ description: 'The case, ON_HOLD with holdUntil and holdReason' })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'CASE_NOT_ASSIGNED_TO_YOU' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'HOLD_DATE_NOT_IN_FUTURE' })
  hold(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: HoldBody) {
    return this.work.hold(user, id, body);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'End the hold early' })
  @ApiOkResponse({ description: 'The case, back to ASSIGNED (or UNASSIGNED when it has no assignee)' })
  release(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: CaseChangeBody) {
    return this.work.release(user, id, body.reason, body.version);
  }

  @Post(':id/activities')
  @Roles('officer', 'supervisor')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Log a visit, call, meeting, document received or note (dated today or earlier)' })
  @ApiCreatedResponse({ description: 'The activity, version 1' })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'CASE_NOT_ASSIGNED_TO_YOU' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'DATE_IN_FUTURE (office date)' })
  addActivity(@UuidParam('id') id: string, @Body() body: ActivityBody, @Command() command: CommandContext) {
    return this.commands.run(command, HttpStatus.CREATED, (tx) => this.activities.add(tx, command.user, id, body));
  }

  @Patch(':id/activities/:activityId')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary:
      'Correct a logged activity with a reason (its author on a case they work, or a supervisor; open cases only): the previous values stay as an amendment, the version rises, audited as case.activity-amended',
  })
  @ApiOkResponse({ type: ActivityResponse, description: 'The activity as amended, with its amendments' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'CASE_NOT_FOUND, ACTIVITY_NOT_FOUND' })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'CASE_NOT_ASSIGNED_TO_YOU, ACTIVITY_NOT_YOURS' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'DATE_IN_FUTURE (office date)' })
  async amendActivity(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('activityId') activityId: string,
    @Body() body: AmendActivityBody,
  ) {
    await this.activities.amend(user, id, activityId, body);
    return this.queries.activity(id, activityId);
  }

  @Put(':id/checklist/:code')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Tick (or untick) a checklist step; who and when are recorded' })
  @ApiOkResponse({ description: 'The step: { caseId, code, position, label, doneAt, doneBy }' })
  setChecklistStep(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Param('code') code: string,
    @Body() body: ChecklistStepBody,
  ) {
    return this.work.setChecklistStep(user, id, code, body.done);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary:
      'Close with an outcome fitting the type; a failed reactivation needs evidence notes and tells the dissolution service',
  })
  @ApiOkResponse({ description: 'The case, CLOSED with its outcome, reason and evidence notes' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'CASE_OUTCOME_NOT_ALLOWED, CASE_EVIDENCE_REQUIRED' })
  close(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: CloseBody) {
    return this.work.close(user, id, body);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reopen a closed case (409 when another case of the type is open)' })
  @ApiOkResponse({ description: 'The case, open again without its outcome' })
  reopen(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: CaseChangeBody) {
    return this.work.reopen(user, id, body.reason, body.version);
  }
}
