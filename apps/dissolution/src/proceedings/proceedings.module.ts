import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReactivationFailedConsumer } from './consumers/reactivation-failed.consumer';
import { RatRecordedConsumer } from './consumers/rat-recorded.consumer';
import { ObjectionWindowDeadline } from './objection-window.deadline';
import { ProceedingStore } from './proceeding-store';

@Module({
  imports: [NotificationsModule],
  providers: [ProceedingStore, ReactivationFailedConsumer, RatRecordedConsumer, ObjectionWindowDeadline],
})
export class ProceedingsModule {}
