import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Costly, ErrorBody, Roles } from '@koperasi/platform';
import { reportToCsv } from './reactivation-report.csv';
import { ReactivationReportQuery } from './reactivation-report.query';
import { ReactivationReportService } from './reactivation-report.service';

@ApiTags('reports')
@Costly()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReactivationReportService) {}

  @Get('reactivation')
  @Roles('manager', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Reactivation tracking for a period, optionally one kecamatan or officer' })
  @ApiOkResponse({
    description: 'becameInactive, reactivated, cases, dissolution, daysInactiveToReactivated, officers, months',
  })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'REPORT_PERIOD_INVALID' })
  reactivation(@Query() query: ReactivationReportQuery) {
    return this.reports.build(query);
  }

  @Get('reactivation.csv')
  @Roles('manager', 'supervisor', 'admin')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="reactivation-report.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same report as CSV: section, key, metric, value' })
  @ApiOkResponse({ description: 'CSV with a header row, UTF-8', schema: { type: 'string' } })
  async reactivationCsv(@Query() query: ReactivationReportQuery): Promise<string> {
    return reportToCsv(await this.reports.build(query));
  }
}
