import { Logger } from '@nestjs/common';
import { DeadlineHandler, type Deadline, type DeadlineConsumer, type Tx } from '@koperasi/platform';
import { Notifications } from '../notifications/notifications.service';
import { ProceedingStore } from './proceeding-store';

export const OBJECTION_WINDOW_TIMER = 'dissolution.objection-window-closes';

/** The objection window closed with no objection: the proceeding is ready for the decree. */
@DeadlineHandler(OBJECTION_WINDOW_TIMER)
export class ObjectionWindowDeadline implements DeadlineConsumer {
  private readonly logger = new Logger(ObjectionWindowDeadline.name);

  constructor(
    private readonly store: ProceedingStore,
    private readonly notifications: Notifications,
  ) {}

  async fire(deadline: Deadline, tx: Tx): Promise<void> {
    const proceeding = await this.store.load(tx, deadline.subjectId);
    // An objection recorded in time cancels this timer; anything else moved on by hand is left alone.
    if (proceeding.step !== 'NOTICE_DELIVERED') return;
    const closed = await this.store.apply(
      tx,
      proceeding,
      'CLOSE_OBJECTION_WINDOW',
      {},
      {
        action: 'proceeding.objection-window-closed',
        reason: 'No objection was received within the statutory window',
        details: { noticeReceivedOn: proceeding.noticeReceivedOn },
      },
    );
    await this.notifications.toRole(tx, 'supervisor', closed, 'READY_FOR_DECREE', { dueOn: closed.nextDueOn });
    this.logger.log({ proceedingId: proceeding.id }, 'Objection window closed; ready for decree');
  }
}
