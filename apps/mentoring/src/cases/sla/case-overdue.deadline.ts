import { Logger } from '@nestjs/common';
import { DeadlineHandler, type Deadline, type DeadlineConsumer, type Tx } from '@koperasi/platform';
import { Notifier } from '../../notifications/notifier';
import { recordChanges } from '../case-records';
import { CASE_TIMERS } from '../case-timers';
import { overdueNotice } from './sla-notices';
import { lockOpenCases, stampCases } from './sla-batch';

/** The due date passed with the case still open: escalates to the supervisors and tells the assignee. */
@DeadlineHandler(CASE_TIMERS.overdue, { tier: 'sla' })
export class CaseOverdueDeadline implements DeadlineConsumer {
  private readonly logger = new Logger(CaseOverdueDeadline.name);

  constructor(private readonly notifier: Notifier) {}

  fire(deadline: Deadline, tx: Tx): Promise<void> {
    return this.fireAll([deadline], tx);
  }

  async fireAll(deadlines: Deadline[], tx: Tx): Promise<void> {
    const open = await lockOpenCases(tx, deadlines);
    if (open.length === 0) return;
    const escalatedAt = new Date();
    await stampCases(
      tx,
      open.map(({ found }) => found),
      { escalatedAt },
    );
    await this.notifier.toRoleAll(
      tx,
      'supervisor',
      open.map(({ found }) => overdueNotice(found)),
    );
    const assigned = open.filter(({ found }) => found.assigneeId);
    await this.notifier.toUserAll(
      tx,
      assigned.map(({ found }) => ({ userId: found.assigneeId!, input: overdueNotice(found) })),
    );
    await recordChanges(
      tx,
      open.map(({ found, context }) => ({
        input: { caseId: found.id, actorId: 'system', action: 'ESCALATED', details: { dueAt: found.dueAt } },
        before: found,
        after: { ...found, escalatedAt },
        context,
      })),
    );
    this.logger.log({ count: open.length, caseId: open[0].found.id }, 'Overdue cases escalated');
  }
}
