import { Module } from '@nestjs/common';
import { Notifier } from './notifier';

@Module({
  providers: [Notifier],
  exports: [Notifier],
})
export class NotificationsModule {}
