import { Logger } from '@nestjs/common';
import { DeadlineHandler, type Deadline, type DeadlineConsumer, type Tx } from '@koperasi/platform';
import { Notifier } from '../../notifications/notifier';
import { recordChange } from '../case-records';
import { CASE_TIMERS } from '../case-timers';
import { Case } from '../case.entity';
import { dueSoonNotice } from './sla-notices';

/** Before the due date: reminds the assignee, or the supervisors when nobody has the case yet. */
@DeadlineHandler(CASE_TIMERS.reminder, { tier: 'sla' })
export class CaseReminderDeadline implements DeadlineConsumer {
  private readonly logger = new Logger(CaseReminderDeadline.name);

  constructor(private readonly notifier: Notifier) {}

  async fire(deadline: Deadline, tx: Tx): Promise<void> {
    const found = await tx.manager.findOne(Case, {
      where: { id: deadline.subjectId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found || found.status === 'CLOSED') return;
    const before = { ...found };
    found.remindedAt = new Date();
    await tx.manager.save(found);
    const notification = dueSoonNotice(found);
    if (found.assigneeId) await this.notifier.toUser(tx, found.assigneeId, notification);
    else await this.notifier.toRole(tx, 'supervisor', notification);
    await recordChange(
      tx,
      { caseId: found.id, actorId: 'system', action: 'REMINDED', details: { dueAt: found.dueAt } },
      before,
      found,
    );
    this.logger.log({ caseId: found.id }, 'Due-date reminder sent');
  }
}
