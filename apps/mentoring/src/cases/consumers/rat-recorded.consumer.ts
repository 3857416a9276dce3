import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { CaseLifecycle } from '../case-lifecycle.service';
import { REACTIVATED } from '../case-outcomes';

const TYPE = 'registry.rat-recorded.v1';

/** A RAT is the evidence of life: it closes an open reactivation case; without one it changes nothing. */
@EventHandler(TYPE)
export class RatRecordedConsumer implements EventConsumer<typeof TYPE> {
  constructor(private readonly cases: CaseLifecycle) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    const { data } = event;
    for (const open of await this.cases.findOpenForUpdate(tx, data.cooperativeId, ['REACTIVATION'])) {
      await this.cases.close(tx, open, {
        outcome: REACTIVATED,
        reason: `RAT for fiscal ${data.fiscalYear} held on ${data.meetingDate}, reported ${data.reportedDate}`,
      });
    }
  }
}
