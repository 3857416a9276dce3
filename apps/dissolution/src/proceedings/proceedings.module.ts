import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReactivationFailedConsumer } from './consumers/reactivation-failed.consumer';
import { RatRecordedConsumer } from './consumers/rat-recorded.consumer';
import { StatusChangeRefusedConsumer } from './consumers/status-change-refused.consumer';
import { ObjectionDecisionDeadline } from './objection-decision.deadline';
import { ObjectionWindowDeadline } from './objection-window.deadline';
import { ObjectionsService } from './objections.service';
import { OfficeClock } from './office-clock';
import { ProceedingStore } from './proceeding-store';
import { ProceedingsController } from './proceedings.controller';
import { ProposalsService } from './proposals.service';
import { StatutoryStepsService } from './statutory-steps.service';

@Module({
  imports: [NotificationsModule],
  controllers: [ProceedingsController],
  providers: [
    OfficeClock,
    ProceedingStore,
    ObjectionsService,
    ProposalsService,
    StatutoryStepsService,
    ReactivationFailedConsumer,
    RatRecordedConsumer,
    StatusChangeRefusedConsumer,
    ObjectionWindowDeadline,
    ObjectionDecisionDeadline,
  ],
})
export class ProceedingsModule {}
