import { Body, Controller, Get, HttpStatus, Inject, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
  checkCooperativeScope,
  Command,
  UuidParam,
  CurrentUser,
  ErrorBody,
  IdempotentCommands,
  Roles,
  SERVICE_CONFIG,
  type AuthenticatedUser,
  type CommandContext,
} from '@koperasi/platform';
import type { MentoringConfig } from '../config';
import { OFFICER_OUTCOMES, SYSTEM_OUTCOMES } from './case-outcomes';
import { CaseQueries } from './case-queries.service';
import { CaseWork } from './case-work.service';
import { CASE_TYPES } from './case-types';
import { OpenCaseBody } from './dto/case-commands.dto';
import { ActivityResponse, CaseDetailPeopleResponse, HistoryEntryResponse } from './dto/case-people.response';
import { CaseFilterQuery, CaseQueueQuery } from './dto/case-queue.query';

/** The roles that work the queues and read every case; a registrar reads one cooperative's cases. */
const QUEUE_ROLES = ['officer', 'supervisor', 'manager'] as const;

@ApiTags('cases')
@Controller()
export class CasesController {
  constructor(
    private readonly queries: CaseQueries,
    private readonly work: CaseWork,
    private readonly commands: IdempotentCommands,
    @Inject(SERVICE_CONFIG) private readonly config: MentoringConfig,
  ) {}

  @Get('cases')
  @Roles(...QUEUE_ROLES, 'registrar')
  @ApiOperation({
    summary:
      'A queue tab of cases with filters, search, sort and pagination (with the total); a registrar only with cooperativeId (403 COOPERATIVE_FILTER_REQUIRED without it)',
  })
  @ApiOkResponse({
    description:
      '{ items, total, totalIsExact, limit, offset }: total is exact up to 1,000 cases, then 1,000 with totalIsExact false (see /cases/counts for the tab counts)',
  })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'COOPERATIVE_FILTER_REQUIRED' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: CaseQueueQuery) {
    checkCooperativeScope(user, QUEUE_ROLES, query.cooperativeId);
    return this.queries.list(user, query);
  }

  @Get('cases/counts')
  @Roles('officer', 'supervisor', 'manager')
  @ApiOperation({ summary: 'How many open cases each tab holds under the given filters' })
  @ApiOkResponse({
    description:
      '{ all, unassigned, mine, onHold, overdue, dueSoon, asOf }: the shared tabs are counted at most once per CASE_COUNTS_MAX_AGE_SECONDS for the same filters, asOf (ISO time) says when; mine is counted on every request',
  })
  @ApiBadRequestResponse({ type: ErrorBody })
  counts(@CurrentUser() user: AuthenticatedUser, @Query() query: CaseFilterQuery) {
    return this.queries.counts(user, query);
  }

  @Get('case-types')
  @Roles('officer', 'supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Case types with their service level, checklist and allowed closing outcomes' })
  @ApiOkResponse({ description: '[{ type, slaDays, checklist, officerOutcomes, systemOutcomes }]' })
  caseTypes() {
    return CASE_TYPES.map((type) => ({
      type,
      slaDays: this.config.CASE_SLA_DAYS[type],
      checklist: this.config.CASE_CHECKLISTS[type] ?? [],
      officerOutcomes: OFFICER_OUTCOMES[type],
      systemOutcomes: SYSTEM_OUTCOMES[type],
    }));
  }

  @Post('cases')
  @Roles('officer', 'supervisor')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Open a case by hand for a cooperative known to the read model' })
  @ApiCreatedResponse({ description: 'The new case' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'COOPERATIVE_NOT_FOUND' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'COOPERATIVE_NOT_ELIGIBLE, RECEIVED_ON_IN_FUTURE',
  })
  open(@Body() body: OpenCaseBody, @Command() command: CommandContext) {
    return this.commands.run(command, HttpStatus.CREATED, (tx) => this.work.openManually(tx, body));
  }

  @Get('cases/:id')
  @Roles('officer', 'supervisor', 'manager')
  @ApiOperation({ summary: 'A case with its cooperative, checklist, activities and history' })
  @ApiOkResponse({ type: CaseDetailPeopleResponse, description: 'The case fields, with names beside the ids' })
  @ApiNotFoundResponse({ type: ErrorBody })
  detail(@UuidParam('id') id: string) {
    return this.queries.detail(id);
  }

  @Get('cases/:id/history')
  @Roles('officer', 'supervisor', 'manager')
  @ApiOperation({ summary: 'What happened to the case, oldest first (assignments included)' })
  @ApiOkResponse({ type: [HistoryEntryResponse] })
  @ApiNotFoundResponse({ type: ErrorBody })
  history(@UuidParam('id') id: string) {
    return this.queries.history(id);
  }

  @Get('cases/:id/activities')
  @Roles('officer', 'supervisor', 'manager')
  @ApiOperation({ summary: 'Activities logged on the case' })
  @ApiOkResponse({ type: [ActivityResponse] })
  @ApiNotFoundResponse({ type: ErrorBody })
  activities(@UuidParam('id') id: string) {
    return this.queries.activities(id);
  }
}
