import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler } from '@koperasi/platform';
import { StatusChangingConsumer, type StatusTarget } from './status-changing.consumer';

const TYPE = 'dissolution.objection-upheld.v1';

/** An upheld objection ends the proceeding: the cooperative goes back to INACTIVE. */
@EventHandler(TYPE)
export class ObjectionUpheldConsumer extends StatusChangingConsumer<typeof TYPE> {
  protected target(event: EventEnvelope<typeof TYPE>): StatusTarget | null {
    return {
      expected: event.data.expectedStatus,
      to: 'INACTIVE',
      reason: `Objection upheld in dissolution proceeding ${event.data.proceedingId}: ${event.data.reason}`,
    };
  }
}
