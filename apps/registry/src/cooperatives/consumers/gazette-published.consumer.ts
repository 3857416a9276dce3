import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler } from '@koperasi/platform';
import { StatusChangingConsumer, type StatusTarget } from './status-changing.consumer';

const TYPE = 'dissolution.gazette-published.v1';

/** Publication in the state gazette ends the legal entity. */
@EventHandler(TYPE)
export class GazettePublishedConsumer extends StatusChangingConsumer<typeof TYPE> {
  protected target(event: EventEnvelope<typeof TYPE>): StatusTarget | null {
    return {
      expected: event.data.expectedStatus,
      to: 'LEGAL_ENTITY_REVOKED',
      effectiveOn: event.data.publishedOn,
      reason: `Published in the state gazette on ${event.data.publishedOn}`,
    };
  }
}
