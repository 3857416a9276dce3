import { Body, Controller, HttpStatus, Param, Patch, Post } from '@nestjs/common';
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
import { ErrorBody, Roles } from '@koperasi/platform';
import { Command, type CommandContext } from '../idempotency/command-context.decorator';
import { IdempotentCommands } from '../idempotency/idempotent-commands';
import {
  CreateProceedingDto,
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
  description: 'STEP_NOT_ALLOWED (with currentStep), STALE_VERSION, PROCEEDING_ALREADY_OPEN, REVIEW_FLAG_OPEN',
})
@ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'A statutory rule refused the facts (code names it)' })
@Controller('proceedings')
export class ProceedingsController {
  constructor(
    private readonly commands: IdempotentCommands,
    private readonly proposals: ProposalsService,
    private readonly steps: StatutoryStepsService,
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
  editProposal(@Param('id') id: string, @Body() dto: EditProposalDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.editProposal(tx, id, dto));
  }

  @Post(':id/propose')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Propose the dissolution (needs grounds, field check and debt check)' })
  @ApiOkResponse({ type: ProceedingResponse })
  propose(@Param('id') id: string, @Body() dto: VersionedDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.propose(tx, id, dto, command.user));
  }

  @Post(':id/approve')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Approve the proposal (a supervisor who is not the proposer); the registry sets IN_DISSOLUTION',
  })
  @ApiOkResponse({ type: ProceedingResponse })
  approve(@Param('id') id: string, @Body() dto: VersionedDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.approve(tx, id, dto, command.user));
  }

  @Post(':id/reject')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reject the proposal with a reason (a supervisor who is not the proposer)' })
  @ApiOkResponse({ type: ProceedingResponse })
  reject(@Param('id') id: string, @Body() dto: ReasonDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.reject(tx, id, dto, command.user));
  }

  @Post(':id/withdraw')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Withdraw before the decree, with a reason (after approval: supervisors only)' })
  @ApiOkResponse({ type: ProceedingResponse })
  withdraw(@Param('id') id: string, @Body() dto: ReasonDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.withdraw(tx, id, dto, command.user));
  }

  @Post(':id/review-flag/clear')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Clear the flag a recorded RAT raised, with the review note' })
  @ApiOkResponse({ type: ProceedingResponse })
  clearReviewFlag(@Param('id') id: string, @Body() dto: ReasonDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.proposals.clearReviewFlag(tx, id, dto));
  }

  @Post(':id/notice')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary: 'Record the notice of the plan (method, sent, received); opens the 2-month objection window',
  })
  @ApiOkResponse({ type: ProceedingResponse })
  recordNotice(@Param('id') id: string, @Body() dto: NoticeDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.steps.recordNotice(tx, id, dto, command.user));
  }

  @Post(':id/objection')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Record an objection received within the window' })
  @ApiOkResponse({ type: ProceedingResponse })
  recordObjection(@Param('id') id: string, @Body() dto: ObjectionDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.steps.recordObjection(tx, id, dto, command.user));
  }

  @Post(':id/objection/decision')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Decide the objection: UPHELD ends the proceeding, REJECTED makes it ready for the decree' })
  @ApiOkResponse({ type: ProceedingResponse })
  decideObjection(@Param('id') id: string, @Body() dto: ObjectionDecisionDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.steps.decideObjection(tx, id, dto, command.user));
  }

  @Post(':id/decree')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Record the dissolution decree (number, date within 4 months of the notice)' })
  @ApiOkResponse({ type: ProceedingResponse })
  recordDecree(@Param('id') id: string, @Body() dto: DecreeDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.steps.recordDecree(tx, id, dto, command.user));
  }

  @Post(':id/creditor-notice')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Record the creditor notice and the liquidator appointment' })
  @ApiOkResponse({ type: ProceedingResponse })
  recordCreditorNotice(@Param('id') id: string, @Body() dto: CreditorNoticeDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.steps.recordCreditorNotice(tx, id, dto));
  }

  @Post(':id/settlement-report')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: "Record the liquidator's settlement report (after the creditors' claim period)" })
  @ApiOkResponse({ type: ProceedingResponse })
  recordSettlementReport(
    @Param('id') id: string,
    @Body() dto: SettlementReportDto,
    @Command() command: CommandContext,
  ) {
    return this.commands.run(command, OK, (tx) => this.steps.recordSettlementReport(tx, id, dto));
  }

  @Post(':id/gazette')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Record the publication in the state gazette; closes the proceeding' })
  @ApiOkResponse({ type: ProceedingResponse })
  recordGazette(@Param('id') id: string, @Body() dto: GazetteDto, @Command() command: CommandContext) {
    return this.commands.run(command, OK, (tx) => this.steps.recordGazette(tx, id, dto, command.user));
  }
}
