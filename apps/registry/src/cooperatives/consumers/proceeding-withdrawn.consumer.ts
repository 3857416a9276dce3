import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler } from '@koperasi/platform';
import { StatusChangingConsumer, type StatusTarget } from './status-changing.consumer';

const TYPE = 'dissolution.proceeding-withdrawn.v1';

/** A withdrawal after approval returns the cooperative to INACTIVE; before approval the status never changed. */
@EventHandler(TYPE)
export class ProceedingWithdrawnConsumer extends StatusChangingConsumer<typeof TYPE> {
  protected target(event: EventEnvelope<typeof TYPE>): StatusTarget | null {
    const expected = event.data.expectedStatus;
    if (!event.data.wasApproved || !expected) return null;
    return {
      to: 'INACTIVE',
      expected,
      reason: `Dissolution proceeding ${event.data.proceedingId} withdrawn: ${event.data.reason}`,
    };
  }
}
