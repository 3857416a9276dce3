import { Body, Controller, Get, HttpStatus, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiIdempotencyKey,
  badRequest,
  Command,
  IdempotentCommands,
  Roles,
  UserDirectory,
  type CommandContext,
} from '@koperasi/platform';
import { ApiBadRequest, ApiConflict, ApiNotFound, ApiUnprocessable } from '../common/api-errors';
import { UuidParam } from '../common/uuid-param';
import { READ_ROLES } from '../cooperatives/cooperatives.controller';
import { AmendRatDto, RatView, RecordRatDto } from './dto/record-rat.dto';
import type { Rat } from './rat.entity';
import { RatsService } from './rats.service';

const toView = (rat: Rat): RatView => ({ ...rat, recordedAt: rat.recordedAt.toISOString() }) as RatView;

@ApiTags('rats')
@Controller('cooperatives/:id/rats')
export class RatsController {
  constructor(
    private readonly rats: RatsService,
    private readonly commands: IdempotentCommands,
    private readonly users: UserDirectory,
  ) {}

  @Post()
  @Roles('registrar')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Record the RAT of a fiscal year (publishes registry.rat-recorded.v1; an INACTIVE cooperative becomes ACTIVE)',
  })
  @ApiCreatedResponse({ type: RatView })
  @ApiBadRequest('VALIDATION_FAILED, DATE_IN_FUTURE, INVALID_IDENTIFIER')
  @ApiNotFound()
  @ApiConflict('RAT_ALREADY_RECORDED, COOPERATIVE_NOT_OPERATING (details.currentStatus)')
  @ApiUnprocessable(
    'MEETING_BEFORE_FISCAL_YEAR_END, REPORTED_BEFORE_MEETING, MEMBERS_PRESENT_EXCEED_TOTAL, FISCAL_YEAR_BEFORE_LEGAL_ENTITY',
  )
  record(@UuidParam('id') id: string, @Body() dto: RecordRatDto, @Command() command: CommandContext) {
    return this.commands.run(command, HttpStatus.CREATED, async (tx) => toView(await this.rats.recordIn(tx, id, dto)));
  }

  @Patch(':fiscalYear')
  @Roles('registrar')
  @ApiOperation({
    summary:
      'Correct a recorded RAT with a reason, its fiscal year included (then its deadline and lateness are recomputed); the previous values stay in the audit log (GET /audit?entityId={id})',
  })
  @ApiOkResponse({ type: RatView })
  @ApiBadRequest('VALIDATION_FAILED, DATE_IN_FUTURE, INVALID_IDENTIFIER, INVALID_FISCAL_YEAR')
  @ApiNotFound('COOPERATIVE_NOT_FOUND, RAT_NOT_FOUND')
  @ApiConflict('RAT_ALREADY_RECORDED (a corrected fiscal year that has its RAT already)')
  @ApiUnprocessable(
    'MEETING_BEFORE_FISCAL_YEAR_END, REPORTED_BEFORE_MEETING, MEMBERS_PRESENT_EXCEED_TOTAL, FISCAL_YEAR_BEFORE_LEGAL_ENTITY',
  )
  async amend(
    @UuidParam('id') id: string,
    @Param(
      'fiscalYear',
      new ParseIntPipe({ exceptionFactory: () => badRequest('INVALID_FISCAL_YEAR', 'fiscalYear must be a year') }),
    )
    fiscalYear: number,
    @Body() dto: AmendRatDto,
  ): Promise<RatView> {
    return toView(await this.rats.amend(id, fiscalYear, dto));
  }

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary:
      'The RATs of a cooperative, latest fiscal year first, each with its corrections (amendments, oldest first)',
  })
  @ApiOkResponse({ type: [RatView] })
  @ApiBadRequest('INVALID_IDENTIFIER')
  @ApiNotFound()
  async list(@UuidParam('id') id: string): Promise<RatView[]> {
    const [rats, amendments] = await Promise.all([this.rats.list(id), this.rats.amendments(id)]);
    const nameOf = await this.users.namesOf(rats.map((rat) => rat.recordedBy));
    return rats.map((rat) => ({
      ...toView(rat),
      recordedByName: nameOf(rat.recordedBy),
      amendments: amendments.get(rat.id) ?? [],
    }));
  }
}
