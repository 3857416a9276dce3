import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Costly, Roles } from '@koperasi/platform';
import { ApiBadRequest } from '../common/api-errors';
import { READ_ROLES } from '../cooperatives/cooperatives.controller';
import { StatisticsQuery, StatisticsView, TransitionsQuery, TransitionsView } from './statistics.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Costly()
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Counts by status, kecamatan and type, and RATs per fiscal year; now or as of a past date' })
  @ApiOkResponse({ type: StatisticsView })
  @ApiBadRequest('VALIDATION_FAILED, DATE_IN_FUTURE')
  overview(@Query() query: StatisticsQuery): Promise<StatisticsView> {
    return this.statistics.overview(query.asOf);
  }

  @Get('transitions')
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary:
      'Status changes into each status that took effect within a period of office days (from and to inclusive), by effective date: a dissolution on its decree date, not the day it was typed in',
  })
  @ApiOkResponse({ type: TransitionsView })
  @ApiBadRequest('VALIDATION_FAILED, INVALID_PERIOD')
  transitions(@Query() query: TransitionsQuery): Promise<TransitionsView> {
    return this.statistics.transitions(query.from, query.to, query.kecamatan);
  }
}
