import { DeadlineHandler, type Deadline, type DeadlineConsumer, type Tx } from '@koperasi/platform';
import { CaseWork } from '../case-work.service';
import { CASE_TIMERS } from '../case-timers';

/** The hold date came: the case goes back to its assignee's queue, or to the unassigned queue. */
@DeadlineHandler(CASE_TIMERS.holdEnds, { tier: 'sla' })
export class HoldEndsDeadline implements DeadlineConsumer {
  constructor(private readonly work: CaseWork) {}

  async fire(deadline: Deadline, tx: Tx): Promise<void> {
    await this.work.returnFromHold(tx, deadline.subjectId);
  }
}
