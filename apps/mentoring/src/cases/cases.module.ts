import { Module } from '@nestjs/common';
import { CooperativesModule } from '../cooperatives/cooperatives.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CaseLifecycle } from './case-lifecycle.service';
import { CaseWork } from './case-work.service';
import { CooperativeStatusChangedConsumer } from './consumers/cooperative-status-changed.consumer';
import { HealthAssessedConsumer } from './consumers/health-assessed.consumer';
import { ProceedingRejectedConsumer } from './consumers/proceeding-rejected.consumer';
import { ProceedingWithdrawnConsumer } from './consumers/proceeding-withdrawn.consumer';
import { RatRecordedConsumer } from './consumers/rat-recorded.consumer';
import { CaseOverdueDeadline } from './sla/case-overdue.deadline';
import { CaseReminderDeadline } from './sla/case-reminder.deadline';
import { HoldEndsDeadline } from './sla/hold-ends.deadline';

@Module({
  imports: [CooperativesModule, NotificationsModule],
  providers: [
    CaseLifecycle,
    CaseWork,
    CooperativeStatusChangedConsumer,
    RatRecordedConsumer,
    HealthAssessedConsumer,
    ProceedingRejectedConsumer,
    ProceedingWithdrawnConsumer,
    CaseReminderDeadline,
    CaseOverdueDeadline,
    HoldEndsDeadline,
  ],
})
export class CasesModule {}
