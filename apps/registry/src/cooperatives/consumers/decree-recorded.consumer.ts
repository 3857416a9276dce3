import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeStatusService } from '../cooperative-status.service';

const TYPE = 'dissolution.decree-recorded.v1';

/** The dissolution decree: the cooperative is dissolved and under liquidation. */
@EventHandler(TYPE)
export class DecreeRecordedConsumer implements EventConsumer<typeof TYPE> {
  constructor(private readonly statuses: CooperativeStatusService) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    const cooperative = await this.statuses.lock(tx, event.data.cooperativeId);
    await this.statuses.change(tx, cooperative, 'DISSOLVED', { reason: `Dissolution decree ${event.data.decreeNumber} of ${event.data.decreeDate}`, triggeringEventId: event.eventId });
  }
}
