import { Body, Controller, HttpStatus, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Command, ErrorBody, IdempotentCommands, Roles, UuidParam, type CommandContext } from '@koperasi/platform';
import {
  ApprovalDto,
  CreateProceedingDto,
  CreditorNoticeCorrectionDto,
  CreditorNoticeDto,
  DecreeDto,
  EditProposalDto,
  GazetteDto,
  NoticeDto,
  ObjectionDecisionDto,
  ObjectionDto,
  ReasonDto,
  SettlementReportDto,
  VersionedDto,
} from './dto/proceeding-commands.dto';
import { ProceedingResponse } from './dto/proceeding-response.dto';
import { ObjectionsService } from './objections.service';
import { ProposalsService } from './proposals.service';
import { StatutoryStepsService } from './statutory-steps.service';

const OK = HttpStatus.OK;

@ApiTags('proceedings')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key (same user, same route) returns the first answer',
})
@ApiNotFoundResponse({ type: ErrorBody, description: 'PROCEEDING_NOT_FOUND' })
@ApiConflictResponse({
  type: ErrorBody,
  description:
    'STEP_NOT_ALLOWED (with currentStep), STALE_VERSION, PROCEEDING_ALREADY_OPEN, REVIEW_FLAG_OPEN, CREDITOR_NOTICE_ALREADY_RECORDED',
})
@ApiUnprocessableEntityResponse({
  type: ErrorBody,
  description:
    'A statutory rule refused the facts (code names it: DATE_IN_FUTURE, BEFORE_APPROVAL, OBJECTION_LATE, DECREE_TOO_EARLY, ' +
    'DECREE_PAST_DEADLINE, CLAIMS_PERIOD_OPEN, COOPERATIVE_NOT_ELIGIBLE, ...)',
})
@Controller('proceedings')
export class ProceedingsController {
  constructor(
    private readonly commands: IdempotentCommands,
    private readonly proposals: ProposalsService,
    private readonly steps: StatutoryStepsService,
    private readonly objections: ObjectionsService,
  ) {}

  @Post()
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Open a draft proceeding for a cooperative (at most one open per cooperative)' })
  @ApiCreatedResponse({ type: ProceedingResponse })
  open(@Body() dto: CreateProceedingDto, @Command() command: CommandContext) {
    return this.commands.run(command, HttpStatus.CREATED, (tx) => this.proposals.open(tx, dto, command.user));
  }

  @Patch(':id/proposal')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Edit the draft: grounds, kelurahan field check, debt check, document references' })
  @ApiOkResponse({ type: ProceedingResponse })
  editProposal(@UuidParam('id') id: string, @Body() dto: EditProposalDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.editProposal(tx, id, dto, command.user));
  }

  @Post(':id/propose')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Propose the dissolution (needs grounds, field check and debt check)' })
  @ApiOkResponse({ type: ProceedingResponse })
  propose(@UuidParam('id') id: string, @Body() dto: VersionedDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.propose(tx, id, dto, command.user));
  }

  @Post(':id/approve')
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'Approve the proposal (a supervisor who did not open, edit or propose it; the cooperative INACTIVE); the registry sets IN_DISSOLUTION',
  })
  @ApiOkResponse({ type: ProceedingResponse })
  approve(@UuidParam('id') id: string, @Body() dto: ApprovalDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.approve(tx, id, dto, command.user));
  }

  @Post(':id/reject')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reject the proposal with a reason (a supervisor who is not the proposer)' })
  @ApiOkResponse({ type: ProceedingResponse })
  reject(@UuidParam('id') id: string, @Body() dto: ReasonDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.reject(tx, id, dto, command.user));
  }

  @Post(':id/withdraw')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Withdraw before the decree, with a reason (after approval: supervisors only)' })
  @ApiOkResponse({ type: ProceedingResponse })
  withdraw(@UuidParam('id') id: string, @Body() dto: ReasonDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.withdraw(tx, id, dto, command.user));
  }

  @Post(':id/review-flag/clear')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Clear the flag a recorded RAT raised, with the review note' })
  @ApiOkResponse({ type: ProceedingResponse })
  clearReviewFlag(@UuidParam('id') id: string, @Body() dto: ReasonDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.clearReviewFlag(tx, id, dto));
  }

  @Post(':id/notice')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary: 'Record the notice of the plan (method, sent, received); opens the 2-month objection window',
  })
  @ApiOkResponse({ type: ProceedingResponse })
  recordNotice(@UuidParam('id') id: string, @Body() dto: NoticeDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.steps.recordNotice(tx, id, dto, command.user));
  }

  @Post(':id/objection')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary: 'Record an objection received within the window (its last day included), at any time before the decree',
    description:
      'Recorded after the window timer fired, or after an earlier objection was dismissed, it puts the proceeding back under objection review.',
  })
  @ApiOkResponse({ type: ProceedingResponse })
  recordObjection(@UuidParam('id') id: string, @Body() dto: ObjectionDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.objections.record(tx, id, dto, command.user));
  }

  @Post(':id/objection/decision')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Decide the pending objections: UPHELD ends the proceeding, REJECTED makes it ready for the decree',
    description:
      'Due on the last day of the month after the objection was received (inclusive); a later decision is accepted and marked late (lateActs).',
  })
  @ApiOkResponse({ type: ProceedingResponse })
  decideObjection(@UuidParam('id') id: string, @Body() dto: ObjectionDecisionDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.objections.decide(tx, id, dto, command.user));
  }

  @Post(':id/decree')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Record the dissolution decree (the cooperative IN_DISSOLUTION)',
    description:
      'Dated after the last day of the objection window and after every decision on an objection, and no later than ' +
      'the decree due date (4 months after the notice was received, that day included).',
  })
  @ApiOkResponse({ type: ProceedingResponse })
  recordDecree(@UuidParam('id') id: string, @Body() dto: DecreeDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.steps.recordDecree(tx, id, dto, command.user));
  }

  @Post(':id/creditor-notice')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary: 'Record the creditor notice and the liquidator appointment (once; a change is a correction)',
  })
  @ApiOkResponse({ type: ProceedingResponse })
  recordCreditorNotice(
    @UuidParam('id') id: string,
    @Body() dto: CreditorNoticeDto,
    @Command() command: CommandContext,
  ) {
    return this.commands.run(command, OK, (tx) => this.steps.recordCreditorNotice(tx, id, dto, command.user));
  }

  @Post(':id/creditor-notice/correction')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary: 'Correct the recorded creditor notice with a reason; the claim period then runs from the corrected date',
  })
  @ApiOkResponse({ type: ProceedingResponse })
  correctCreditorNotice(
    @UuidParam('id') id: string,
    @Body() dto: CreditorNoticeCorrectionDto,
    @Command() command: CommandContext,
  ) {
    return this.commands.run(command, OK, (tx) => this.steps.correctCreditorNotice(tx, id, dto, command.user));
  }

  @Post(':id/settlement-report')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary: "Record the liquidator's settlement report, dated after the last day of the creditors' claim period",
  })
  @ApiOkResponse({ type: ProceedingResponse })
  recordSettlementReport(
    @UuidParam('id') id: string,
    @Body() dto: SettlementReportDto,
    @Command() command: CommandContext,
  ) {
    return this.commands.run(command, OK, (tx) => this.steps.recordSettlementReport(tx, id, dto, command.user));
  }

  @Post(':id/gazette')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Record the publication in the state gazette; closes the proceeding' })
  @ApiOkResponse({ type: ProceedingResponse })
  recordGazette(@UuidParam('id') id: string, @Body() dto: GazetteDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.steps.recordGazette(tx, id, dto, command.user));
  }
}
