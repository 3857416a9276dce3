import { Body, Controller, Get, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiIdempotencyKey,
  Command,
  IdempotentCommands,
  Roles,
  UserDirectory,
  type CommandContext,
} from '@koperasi/platform';
import { ApiBadRequest, ApiConflict, ApiNotFound, ApiUnprocessable } from '../common/api-errors';
import { UuidParam } from '../common/uuid-param';
import { READ_ROLES } from '../cooperatives/cooperatives.controller';
import { AmendAssessmentDto, AssessHealthDto, HealthAssessmentView } from './dto/assess-health.dto';
import type { HealthAssessment } from './health-assessment.entity';
import { HealthService } from './health.service';
import { RUBRICS, type Rubric } from './rubrics';

const toView = (a: HealthAssessment): HealthAssessmentView => ({ ...a, recordedAt: a.recordedAt.toISOString() });

@ApiTags('health assessments')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly commands: IdempotentCommands,
    private readonly users: UserDirectory,
  ) {}

  @Post('cooperatives/:id/health-assessments')
  @Roles('registrar')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Assess the health of a fiscal year (publishes registry.health-assessed.v1)' })
  @ApiCreatedResponse({ type: HealthAssessmentView })
  @ApiBadRequest('VALIDATION_FAILED, DATE_IN_FUTURE, INVALID_IDENTIFIER')
  @ApiNotFound()
  @ApiConflict('ALREADY_ASSESSED')
  @ApiUnprocessable('RAT_REQUIRED, SCHEME_NOT_APPLICABLE, RUBRIC_INPUT_INVALID, CATEGORY_INCONSISTENT_WITH_RATINGS')
  assess(@UuidParam('id') id: string, @Body() dto: AssessHealthDto, @Command() command: CommandContext) {
    return this.commands.run(command, HttpStatus.CREATED, async (tx) =>
      toView(await this.health.assessIn(tx, id, dto)),
    );
  }

  @Patch('cooperatives/:id/health-assessments/:assessmentId')
  @Roles('registrar')
  @ApiOperation({
    summary:
      'Correct an assessment with a reason (re-scored from corrected inputs); the previous values stay in the audit log; a changed category publishes registry.health-assessed.v1 again',
  })
  @ApiOkResponse({ type: HealthAssessmentView })
  @ApiBadRequest('VALIDATION_FAILED, DATE_IN_FUTURE, INVALID_IDENTIFIER')
  @ApiNotFound('COOPERATIVE_NOT_FOUND, HEALTH_ASSESSMENT_NOT_FOUND')
  @ApiUnprocessable('SCHEME_NOT_APPLICABLE, RUBRIC_INPUT_INVALID, CATEGORY_INCONSISTENT_WITH_RATINGS')
  async amend(
    @UuidParam('id') id: string,
    @UuidParam('assessmentId') assessmentId: string,
    @Body() dto: AmendAssessmentDto,
  ): Promise<HealthAssessmentView> {
    return toView(await this.health.amend(id, assessmentId, dto));
  }

  @Get('cooperatives/:id/health-assessments')
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary:
      'The health assessments of a cooperative, latest fiscal year first, each with its corrections (amendments, oldest first)',
  })
  @ApiOkResponse({ type: [HealthAssessmentView] })
  @ApiBadRequest('INVALID_IDENTIFIER')
  @ApiNotFound()
  async list(@UuidParam('id') id: string): Promise<HealthAssessmentView[]> {
    const [assessments, amendments] = await Promise.all([this.health.list(id), this.health.amendments(id)]);
    const nameOf = await this.users.namesOf(assessments.map((assessment) => assessment.assessedBy));
    return assessments.map((assessment) => ({
      ...toView(assessment),
      assessedByName: nameOf(assessment.assessedBy),
      amendments: amendments.get(assessment.id) ?? [],
    }));
  }

  @Get('health-rubrics')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Every rubric version: scheme -> aspect -> component -> weight -> bands' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', additionalProperties: true } } })
  rubrics(): readonly Rubric[] {
    return RUBRICS.map((rubric) =>
      rubric.scheme === 'A'
        ? {
            ...rubric,
            categories: rubric.categories.map((c) => ({ ...c, min: Number.isFinite(c.min) ? c.min : null })),
          }
        : rubric,
    ) as Rubric[];
  }
}
