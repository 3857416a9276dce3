import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { Notifications } from '../../notifications/notifications.service';
import { isBeforeDecree } from '../proceeding-step';
import { ProceedingStore } from '../proceeding-store';

const TYPE = 'registry.rat-recorded.v1';
type RatRecorded = EventEnvelope<typeof TYPE>;

/** A RAT is evidence of life: before the decree it flags the proceeding for a supervisor's review. */
@EventHandler(TYPE)
export class RatRecordedConsumer implements EventConsumer<typeof TYPE> {
  constructor(
    private readonly store: ProceedingStore,
    private readonly notifications: Notifications,
  ) {}

  async handle(event: RatRecorded, tx: Tx): Promise<void> {
    const { cooperativeId, ratId, fiscalYear, meetingDate } = event.data;
    const open = await this.store.findOpen(tx, cooperativeId);
    if (!open || !isBeforeDecree(open.step) || open.reviewFlag?.ratId === ratId) return;
    const reason = `RAT for fiscal year ${fiscalYear} held on ${meetingDate} was recorded while the proceeding is ${open.step}`;
    await this.store.patchFacts(
      tx,
      open,
      { reviewFlag: { reason, ratId, fiscalYear, meetingDate, raisedAt: event.occurredAt } },
      { action: 'proceeding.flagged-for-review', reason },
    );
    await this.notifications.toRole(tx, 'supervisor', open, 'PROCEEDING_FLAGGED', { reason, fiscalYear, meetingDate });
  }

  /**
   * A RAT import's events: most cooperatives have no open proceeding, and their RATs change
   * nothing here; one query finds them. The others go one by one, in order.
   */
  async handleBatch(events: RatRecorded[], tx: Tx): Promise<RatRecorded[]> {
    const inDissolution = await this.store.withOpenProceeding(
      tx,
      events.map(({ data }) => data.cooperativeId),
    );
    return events.filter(({ data }) => inDissolution.has(data.cooperativeId));
  }
}
