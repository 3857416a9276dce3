import { Logger } from '@nestjs/common';
import { DeadlineHandler, type Deadline, type DeadlineConsumer, type Tx } from '@koperasi/platform';
import { Notifications } from '../notifications/notifications.service';
import { ProceedingStore } from './proceeding-store';

export const OBJECTION_DECISION_TIMER = 'dissolution.objection-decision-due';

/**
 * The last day to decide an objection ended with the objection still undecided: the supervisors are
 * told. The decision stays possible (it will be marked late); nothing else changes.
 */
@DeadlineHandler(OBJECTION_DECISION_TIMER)
export class ObjectionDecisionDeadline implements DeadlineConsumer {
  private readonly logger = new Logger(ObjectionDecisionDeadline.name);

  constructor(
    private readonly store: ProceedingStore,
    private readonly notifications: Notifications,
  ) {}

  async fire(deadline: Deadline, tx: Tx): Promise<void> {
    const proceeding = await this.store.load(tx, deadline.subjectId);
    if (proceeding.step !== 'OBJECTION_UNDER_REVIEW') return;
    await this.notifications.toRole(tx, 'supervisor', proceeding, 'OBJECTION_DECISION_OVERDUE', {
      dueOn: proceeding.nextDueOn,
      objectionReceivedOn: proceeding.objectionReceivedOn,
    });
    this.logger.log({ proceedingId: proceeding.id, dueOn: proceeding.nextDueOn }, 'Objection decision overdue');
  }
}
