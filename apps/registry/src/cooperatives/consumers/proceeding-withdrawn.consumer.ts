import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler } from '@koperasi/platform';
import { StatusChangingConsumer, type StatusTarget } from './status-changing.consumer';

const TYPE = 'dissolution.proceeding-withdrawn.v1';

/** A withdrawal after approval returns the cooperative to INACTIVE; before approval the status never changed. */
@EventHandler(TYPE)
export class ProceedingWithdrawnConsumer extends StatusChangingConsumer<typeof TYPE> {
  protected target(event: EventEnvelope<typeof TYPE>): StatusTarget | null {
    if (!event.data.wasApproved) return null;
    return {
      to: 'INACTIVE',
      reason: `Dissolution proceeding ${event.data.proceedingId} withdrawn: ${event.data.reason}`,
    };
  }
}
