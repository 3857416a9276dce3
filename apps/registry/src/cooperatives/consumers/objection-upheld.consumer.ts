import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeStatusService } from '../cooperative-status.service';

const TYPE = 'dissolution.objection-upheld.v1';

/** An upheld objection ends the proceeding: the cooperative goes back to INACTIVE. */
@EventHandler(TYPE)
export class ObjectionUpheldConsumer implements EventConsumer<typeof TYPE> {
  constructor(private readonly statuses: CooperativeStatusService) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    const cooperative = await this.statuses.lock(tx, event.data.cooperativeId);
    await this.statuses.change(tx, cooperative, 'INACTIVE', { reason: `Objection upheld in dissolution proceeding ${event.data.proceedingId}: ${event.data.reason}`, triggeringEventId: event.eventId });
  }
}
