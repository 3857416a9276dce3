import { Module } from '@nestjs/common';
import { IdempotentCommands } from '../idempotency/idempotent-commands';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReactivationFailedConsumer } from './consumers/reactivation-failed.consumer';
import { RatRecordedConsumer } from './consumers/rat-recorded.consumer';
import { StatusChangeRefusedConsumer } from './consumers/status-change-refused.consumer';
import { ObjectionWindowDeadline } from './objection-window.deadline';
import { ProceedingStore } from './proceeding-store';
import { ProceedingsController } from './proceedings.controller';
import { ProposalsService } from './proposals.service';
import { StatutoryStepsService } from './statutory-steps.service';

@Module({
  imports: [NotificationsModule],
  controllers: [ProceedingsController],
  providers: [
    IdempotentCommands,
    ProceedingStore,
    ProposalsService,
    StatutoryStepsService,
    ReactivationFailedConsumer,
    RatRecordedConsumer,
    StatusChangeRefusedConsumer,
    ObjectionWindowDeadline,
  ],
})
export class ProceedingsModule {}
