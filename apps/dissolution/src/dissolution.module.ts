import { Module } from '@nestjs/common';
import { PlatformModule } from '@koperasi/platform';
import { dissolutionEnvSchema } from './config';
import { CooperativesModule } from './cooperatives/cooperatives.module';
import { dissolutionDatabase } from './dissolution.database';
import { IDEMPOTENCY_RETENTION } from './idempotency/idempotency-retention';
import { NotificationsModule } from './notifications/notifications.module';
import { ProceedingsModule } from './proceedings/proceedings.module';
import { ViewsModule } from './views/views.module';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'dissolution',
      database: dissolutionDatabase,
      envSchema: dissolutionEnvSchema,
      retention: [IDEMPOTENCY_RETENTION],
    }),
    CooperativesModule,
    NotificationsModule,
    ViewsModule,
    ProceedingsModule,
  ],
})
export class DissolutionModule {}
