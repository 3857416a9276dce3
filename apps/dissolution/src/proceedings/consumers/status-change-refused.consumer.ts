import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, unprocessable, type EventConsumer, type Tx } from '@koperasi/platform';
import { ProceedingStore } from '../proceeding-store';

const TYPE = 'registry.status-change-refused.v1';

/** The registry did not apply a status change the proceeding asked for: the proceeding shows why. */
@EventHandler(TYPE)
export class StatusChangeRefusedConsumer implements EventConsumer<typeof TYPE> {
  constructor(private readonly store: ProceedingStore) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    const { proceedingId, cooperativeId, ...refusal } = event.data;
    const proceeding = await this.store.load(tx, proceedingId);
    if (proceeding.cooperativeId !== cooperativeId) {
      throw unprocessable(
        'REFUSAL_FOR_OTHER_COOPERATIVE',
        `Proceeding ${proceedingId} is not of cooperative ${cooperativeId}`,
      );
    }
    await this.store.patchFacts(
      tx,
      proceeding,
      { registryRefusal: refusal },
      { action: 'proceeding.status-change-refused', reason: refusal.reason },
    );
  }
}
