import { Module } from '@nestjs/common';
import { CooperativesModule } from '../cooperatives/cooperatives.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OfficersController } from '../officers/officers.controller';
import { BulkReassign } from './bulk-reassign.service';
import { CaseActivities } from './case-activities.service';
import { CaseActionsController } from './case-actions.controller';
import { CaseClosings } from './case-closings.service';
import { CaseLifecycle } from './case-lifecycle.service';
import { CaseQueries } from './case-queries.service';
import { CaseWork } from './case-work.service';
import { CasesController } from './cases.controller';
import { CooperativeRegisteredConsumer } from './consumers/cooperative-registered.consumer';
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
  controllers: [CasesController, CaseActionsController, OfficersController],
  providers: [
    CaseLifecycle,
    CaseClosings,
    CaseWork,
    CaseActivities,
    CaseQueries,
    BulkReassign,
    CooperativeRegisteredConsumer,
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
