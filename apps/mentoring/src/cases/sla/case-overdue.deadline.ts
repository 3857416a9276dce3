import { Logger } from '@nestjs/common';
import { DeadlineHandler, type Deadline, type DeadlineConsumer, type Tx } from '@koperasi/platform';
import { Notifier } from '../../notifications/notifier';
import { recordChange } from '../case-records';
import { CASE_TIMERS } from '../case-timers';
import { Case } from '../case.entity';
import { overdueNotice } from './sla-notices';

/** The due date passed with the case still open: escalates to the supervisors and tells the assignee. */
@DeadlineHandler(CASE_TIMERS.overdue, { tier: 'sla' })
export class CaseOverdueDeadline implements DeadlineConsumer {
  private readonly logger = new Logger(CaseOverdueDeadline.name);

  constructor(private readonly notifier: Notifier) {}

  async fire(deadline: Deadline, tx: Tx): Promise<void> {
    const found = await tx.manager.findOne(Case, {
      where: { id: deadline.subjectId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found || found.status === 'CLOSED') return;
    const before = { ...found };
    found.escalatedAt = new Date();
    await tx.manager.save(found);
    const notification = overdueNotice(found);
    await this.notifier.toRole(tx, 'supervisor', notification);
    if (found.assigneeId) await this.notifier.toUser(tx, found.assigneeId, notification);
    await recordChange(
      tx,
      { caseId: found.id, actorId: 'system', action: 'ESCALATED', details: { dueAt: found.dueAt } },
      before,
      found,
    );
    this.logger.log({ caseId: found.id }, 'Overdue case escalated');
  }
}
