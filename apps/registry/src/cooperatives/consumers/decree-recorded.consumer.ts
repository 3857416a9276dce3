import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler } from '@koperasi/platform';
import { StatusChangingConsumer, type StatusTarget } from './status-changing.consumer';

const TYPE = 'dissolution.decree-recorded.v1';

/** The dissolution decree: the cooperative is dissolved and under liquidation. */
@EventHandler(TYPE)
export class DecreeRecordedConsumer extends StatusChangingConsumer<typeof TYPE> {
  protected target(event: EventEnvelope<typeof TYPE>): StatusTarget | null {
    return {
      expected: event.data.expectedStatus,
      to: 'DISSOLVED',
      effectiveOn: event.data.decreeDate,
      reason: `Dissolution decree ${event.data.decreeNumber} of ${event.data.decreeDate}`,
    };
  }
}
