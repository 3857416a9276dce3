import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeStatusService } from '../cooperative-status.service';

const TYPE = 'dissolution.gazette-published.v1';

/** Publication in the state gazette ends the legal entity. */
@EventHandler(TYPE)
export class GazettePublishedConsumer implements EventConsumer<typeof TYPE> {
  constructor(private readonly statuses: CooperativeStatusService) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    const cooperative = await this.statuses.lock(tx, event.data.cooperativeId);
    await this.statuses.change(tx, cooperative, 'LEGAL_ENTITY_REVOKED', { reason: `Published in the state gazette on ${event.data.publishedOn}`, triggeringEventId: event.eventId });
  }
}
