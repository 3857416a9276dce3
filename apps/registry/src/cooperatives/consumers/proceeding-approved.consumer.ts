import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeStatusService } from '../cooperative-status.service';

const TYPE = 'dissolution.proceeding-approved.v1';

/** A supervisor approved a dissolution proposal: the cooperative is in dissolution. */
@EventHandler(TYPE)
export class ProceedingApprovedConsumer implements EventConsumer<typeof TYPE> {
  constructor(private readonly statuses: CooperativeStatusService) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    const cooperative = await this.statuses.lock(tx, event.data.cooperativeId);
    await this.statuses.change(tx, cooperative, 'IN_DISSOLUTION', { reason: `Dissolution proceeding ${event.data.proceedingId} approved (grounds: ${event.data.grounds.join(', ')})`, triggeringEventId: event.eventId });
  }
}
