import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler } from '@koperasi/platform';
import { StatusChangingConsumer, type StatusTarget } from './status-changing.consumer';

const TYPE = 'dissolution.proceeding-approved.v1';

/** A supervisor approved a dissolution proposal: the cooperative is in dissolution. */
@EventHandler(TYPE)
export class ProceedingApprovedConsumer extends StatusChangingConsumer<typeof TYPE> {
  protected target(event: EventEnvelope<typeof TYPE>): StatusTarget | null {
    return {
      expected: event.data.expectedStatus,
      to: 'IN_DISSOLUTION',
      reason: `Dissolution proceeding ${event.data.proceedingId} approved (grounds: ${event.data.grounds.join(', ')})`,
    };
  }
}
