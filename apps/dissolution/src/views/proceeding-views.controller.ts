import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import {
  badRequest,
  checkCooperativeScope,
  CurrentUser,
  ErrorBody,
  Roles,
  UuidParam,
  type AuthenticatedUser,
} from '@koperasi/platform';
import { ProceedingResponse } from '../proceedings/dto/proceeding-response.dto';
import { PipelineFilterDto, ProceedingListQuery } from './dto/pipeline-query.dto';
import { ProceedingViews } from './proceeding-views.service';

const READERS = ['officer', 'supervisor', 'manager', 'admin'] as const;

@ApiTags('proceedings')
@Controller('proceedings')
export class ProceedingViewsController {
  constructor(private readonly views: ProceedingViews) {}

  @Get('pipeline')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Proceedings by step with counts, overdue and flagged counts' })
  @ApiOkResponse({ description: '{ today, steps: [{ step, count, overdue, flagged }], total }' })
  pipeline(@Query() filter: PipelineFilterDto) {
    return this.views.pipeline(filter);
  }

  @Get()
  @Roles(...READERS, 'registrar')
  @ApiOperation({
    summary:
      'Open proceedings (filters: cooperativeId, step, kecamatan, overdue, dueWithinDays, flagged), soonest due first; a registrar only with cooperativeId (403 COOPERATIVE_FILTER_REQUIRED without it)',
  })
  @ApiOkResponse({
    description:
      '{ today, items: [{ ..., nextDue: { action, dueOn, overdue }, reviewFlag, lateActs, registryRefusal, proposedAt, approvedOn, noticeReceivedOn, closedAt }], total, limit, offset }',
  })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'VALIDATION_FAILED, INVALID_IDENTIFIER (cooperativeId)' })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'COOPERATIVE_FILTER_REQUIRED' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ProceedingListQuery) {
    if (query.cooperativeId !== undefined && !isUUID(query.cooperativeId)) {
      throw badRequest('INVALID_IDENTIFIER', 'cooperativeId must be a UUID');
    }
    checkCooperativeScope(user, READERS, query.cooperativeId);
    return this.views.list(query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One proceeding with its facts, statutory deadlines and what is due next' })
  @ApiOkResponse({ type: ProceedingResponse })
  @ApiNotFoundResponse({ type: ErrorBody })
  detail(@UuidParam('id') id: string) {
    return this.views.detail(id);
  }

  @Get(':id/timeline')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every step, decision and document of a proceeding with actor and time (audit trail)' })
  @ApiOkResponse({
    description: '{ proceedingId, items: [{ at, action, actorId, actorName, fromStep, toStep, reason, details }] }',
  })
  @ApiNotFoundResponse({ type: ErrorBody })
  timeline(@UuidParam('id') id: string) {
    return this.views.timeline(id);
  }
}
