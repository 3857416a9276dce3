import { Module } from '@nestjs/common';
import { ReactivationReportService } from './reactivation-report.service';
import { ReportsController } from './reports.controller';

@Module({
  controllers: [ReportsController],
  providers: [ReactivationReportService],
})
export class ReportsModule {}
