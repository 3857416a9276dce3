import { Logger } from '@nestjs/common';
import { DeadlineHandler, type Deadline, type DeadlineConsumer, type Tx } from '@koperasi/platform';
import { Notifier } from '../../notifications/notifier';
import { recordChanges } from '../case-records';
import { CASE_TIMERS } from '../case-timers';
import { dueSoonNotice } from './sla-notices';
import { lockOpenCases, stampCases } from './sla-batch';

/** Before the due date: reminds the assignee, or the supervisors when nobody has the case yet. */
@DeadlineHandler(CASE_TIMERS.reminder, { tier: 'sla' })
export class CaseReminderDeadline implements DeadlineConsumer {
  private readonly logger = new Logger(CaseReminderDeadline.name);

  constructor(private readonly notifier: Notifier) {}

  fire(deadline: Deadline, tx: Tx): Promise<void> {
    return this.fireAll([deadline], tx);
  }

  async fireAll(deadlines: Deadline[], tx: Tx): Promise<void> {
    const open = await lockOpenCases(tx, deadlines);
    if (open.length === 0) return;
    const remindedAt = new Date();
    await stampCases(
      tx,
      open.map(({ found }) => found),
      { remindedAt },
    );
    const assigned = open.filter(({ found }) => found.assigneeId);
    await this.notifier.toUserAll(
      tx,
      assigned.map(({ found }) => ({ userId: found.assigneeId!, input: dueSoonNotice(found) })),
    );
    await this.notifier.toRoleAll(
      tx,
      'supervisor',
      open.filter(({ found }) => !found.assigneeId).map(({ found }) => dueSoonNotice(found)),
    );
    await recordChanges(
      tx,
      open.map(({ found, context }) => ({
        input: { caseId: found.id, actorId: 'system', action: 'REMINDED', details: { dueAt: found.dueAt } },
        before: found,
        after: { ...found, remindedAt },
        context,
      })),
    );
    this.logger.log({ count: open.length, caseId: open[0].found.id }, 'Due-date reminders sent');
  }
}
