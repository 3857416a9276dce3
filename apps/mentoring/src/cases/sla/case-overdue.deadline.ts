import { Logger } from '@nestjs/common';
import { DeadlineHandler, type Deadline, type DeadlineConsumer, type Tx } from '@koperasi/platform';
import { Notifier } from '../../notifications/notifier';
import { recordChange } from '../case-records';
import { CASE_TIMERS } from '../case-timers';
import { Case } from '../case.entity';

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
    const who = found.assigneeName ?? found.assigneeId ?? 'nobody';
    await this.notifier.toRole(tx, 'supervisor', {
      kind: 'CASE_OVERDUE',
      caseId: found.id,
      message: `${found.type} case overdue since ${found.dueAt.toISOString().slice(0, 10)} (assigned to ${who})`,
    });
    if (found.assigneeId) {
      await this.notifier.toUser(tx, found.assigneeId, {
        kind: 'CASE_OVERDUE',
        caseId: found.id,
        message: `${found.type} case is overdue and was escalated`,
      });
    }
    await recordChange(
      tx,
      { caseId: found.id, actorId: 'system', action: 'ESCALATED', details: { dueAt: found.dueAt } },
      before,
      found,
    );
    this.logger.log({ caseId: found.id }, 'Overdue case escalated');
  }
}
