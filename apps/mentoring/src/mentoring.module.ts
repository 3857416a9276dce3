import { Module } from '@nestjs/common';
import { PlatformModule } from '@koperasi/platform';
import { CasesModule } from './cases/cases.module';
import { mentoringEnvSchema } from './config';
import { CooperativesModule } from './cooperatives/cooperatives.module';
import { mentoringDatabase } from './mentoring.database';
import { NotificationsModule } from './notifications/notifications.module';
import { READ_NOTIFICATIONS_RETENTION } from './notifications/read-notifications-retention';
import { ReportsModule } from './reports/reports.module';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'mentoring',
      database: mentoringDatabase,
      envSchema: mentoringEnvSchema,
      retention: [READ_NOTIFICATIONS_RETENTION],
    }),
    CooperativesModule,
    CasesModule,
    NotificationsModule,
    ReportsModule,
  ],
})
export class MentoringModule {}
