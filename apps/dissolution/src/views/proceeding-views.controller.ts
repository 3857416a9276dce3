import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorBody, Roles, UuidParam } from '@koperasi/platform';
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
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Open proceedings (filters: step, kecamatan, overdue, dueWithinDays, flagged), soonest due first',
  })
  @ApiOkResponse({
    description: '{ today, items: [{ ..., nextDue: { action, dueOn, overdue } }], total, limit, offset }',
  })
  list(@Query() query: ProceedingListQuery) {
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
