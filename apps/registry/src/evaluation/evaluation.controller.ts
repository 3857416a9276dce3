import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIdempotencyKey, Command, PageQuery, Roles, type CommandContext } from '@koperasi/platform';
import { ApiBadRequest, ApiConflict, ApiNotFound, ApiUnprocessable } from '../common/api-errors';
import { UuidParam } from '../common/uuid-param';
import { StatusHistoryView, toStatusHistoryView } from '../cooperatives/dto/cooperative.view';
import {
  EvaluationRunCooperativePage,
  EvaluationRunPage,
  EvaluationRunView,
  ListEvaluationsQuery,
  StartEvaluationDto,
  toEvaluationView,
  toRunCooperativeView,
} from './dto/evaluation.dto';
import { EvaluationService } from './evaluation.service';

const PROGRESS_ROLES = ['registrar', 'supervisor', 'manager', 'admin'] as const;

@ApiTags('annual evaluation')
@Controller('evaluations')
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Post()
  @HttpCode(202)
  @Roles('registrar', 'supervisor')
  @ApiOperation({
    summary:
      'Start the annual evaluation of a fiscal year as a background job (ACTIVE without a RAT in the last N fiscal years -> INACTIVE)',
  })
  @ApiIdempotencyKey()
  @ApiAcceptedResponse({ type: EvaluationRunView })
  @ApiBadRequest('VALIDATION_FAILED, INVALID_IDEMPOTENCY_KEY')
  @ApiConflict('EVALUATION_IN_PROGRESS, EVALUATION_ALREADY_COMPLETED (details.runId)')
  @ApiUnprocessable('FISCAL_YEAR_NOT_CLOSED, FISCAL_YEAR_TOO_OLD, IDEMPOTENCY_KEY_REUSED')
  start(@Body() dto: StartEvaluationDto, @Command() command: CommandContext): Promise<object> {
    return this.evaluation.start(command, dto.fiscalYear, dto.dryRun ?? false);
  }

  @Get()
  @Roles(...PROGRESS_ROLES)
  @ApiOperation({ summary: 'Evaluation runs, newest first' })
  @ApiOkResponse({ type: EvaluationRunPage })
  @ApiBadRequest()
  async list(@Query() query: ListEvaluationsQuery): Promise<EvaluationRunPage> {
    const [runs, total] = await this.evaluation.list(query.fiscalYear, query.limit, query.offset);
    return { items: runs.map(toEvaluationView), total };
  }

  @Get(':id')
  @Roles(...PROGRESS_ROLES)
  @ApiOperation({ summary: 'Progress of a run: done/total, chunks, counts by outcome' })
  @ApiOkResponse({ type: EvaluationRunView })
  @ApiBadRequest('INVALID_IDENTIFIER')
  @ApiNotFound('EVALUATION_RUN_NOT_FOUND')
  async get(@UuidParam('id') id: string): Promise<EvaluationRunView> {
    return toEvaluationView(await this.evaluation.get(id));
  }

  @Get(':id/cooperatives')
  @Roles(...PROGRESS_ROLES)
  @ApiOperation({ summary: 'The cooperatives a run set INACTIVE, or a dry run would set INACTIVE, by name (paged)' })
  @ApiOkResponse({ type: EvaluationRunCooperativePage })
  @ApiBadRequest('INVALID_IDENTIFIER')
  @ApiNotFound('EVALUATION_RUN_NOT_FOUND')
  async cooperatives(@UuidParam('id') id: string, @Query() page: PageQuery): Promise<EvaluationRunCooperativePage> {
    const [rows, total] = await this.evaluation.cooperatives(id, page.limit, page.offset);
    return { items: rows.map(toRunCooperativeView), total };
  }

  @Get(':id/changes')
  @Roles(...PROGRESS_ROLES)
  @ApiOperation({ summary: 'The status changes a (non-dry) run made' })
  @ApiOkResponse({ type: [StatusHistoryView] })
  @ApiBadRequest('INVALID_IDENTIFIER')
  @ApiNotFound('EVALUATION_RUN_NOT_FOUND')
  async changes(
    @UuidParam('id') id: string,
    @Query() page: PageQuery,
  ): Promise<{ items: (StatusHistoryView & { cooperativeId: string })[]; total: number }> {
    const [entries, total] = await this.evaluation.changes(id, page.limit, page.offset);
    return {
      items: entries.map((entry) => ({ cooperativeId: entry.cooperativeId, ...toStatusHistoryView(entry) })),
      total,
    };
  }
}
