import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, eventContext, splitBatch, type EventConsumer, type Tx } from '@koperasi/platform';
import { CaseClosings } from '../case-closings.service';
import { CaseLifecycle } from '../case-lifecycle.service';
import { REACTIVATED } from '../case-outcomes';

const TYPE = 'registry.rat-recorded.v1';
type RatRecorded = EventEnvelope<typeof TYPE>;

const reasonOf = ({ data }: RatRecorded) =>
  `RAT for fiscal ${data.fiscalYear} held on ${data.meetingDate}, reported ${data.reportedDate}`;

/** A RAT is the evidence of life: it closes an open reactivation case; without one it changes nothing. */
@EventHandler(TYPE)
export class RatRecordedConsumer implements EventConsumer<typeof TYPE> {
  constructor(
    private readonly cases: CaseLifecycle,
    private readonly closings: CaseClosings,
  ) {}

  async handle(event: RatRecorded, tx: Tx): Promise<void> {
    for (const open of await this.cases.findOpenForUpdate(tx, event.data.cooperativeId, ['REACTIVATION'])) {
      await this.cases.close(tx, open, { outcome: REACTIVATED, reason: reasonOf(event) });
    }
  }

  /** A RAT import's events: the first of each cooperative in a few statements, the rest one by one after. */
  async handleBatch(events: RatRecorded[], tx: Tx): Promise<RatRecorded[]> {
    const { together, rest } = splitBatch(events, ({ data }) => data.cooperativeId);
    await this.closings.closeOpen(
      tx,
      together.map((event) => ({
        cooperativeId: event.data.cooperativeId,
        type: 'REACTIVATION' as const,
        outcome: REACTIVATED,
        reason: reasonOf(event),
        context: eventContext(event),
      })),
    );
    return rest;
  }
}
