import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeStatusService } from '../cooperative-status.service';

const TYPE = 'dissolution.proceeding-withdrawn.v1';

/** A withdrawal after approval returns the cooperative to INACTIVE; before approval the status never changed. */
@EventHandler(TYPE)
export class ProceedingWithdrawnConsumer implements EventConsumer<typeof TYPE> {
  constructor(private readonly statuses: CooperativeStatusService) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    if (!event.data.wasApproved) return;
    const cooperative = await this.statuses.lock(tx, event.data.cooperativeId);
    await this.statuses.change(tx, cooperative, 'INACTIVE', { reason: `Dissolution proceeding ${event.data.proceedingId} withdrawn: ${event.data.reason}`, triggeringEventId: event.eventId });
  }
}
