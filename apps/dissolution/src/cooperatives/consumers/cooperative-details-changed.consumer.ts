import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, eventContext, splitBatch, type EventConsumer, type Tx } from '@koperasi/platform';
import { applySnapshot, applySnapshots } from '../cooperative-read-model';

const TYPE = 'registry.cooperative-details-changed.v1';
type DetailsChanged = EventEnvelope<typeof TYPE>;

@EventHandler(TYPE)
export class CooperativeDetailsChangedConsumer implements EventConsumer<typeof TYPE> {
  async handle(event: DetailsChanged, tx: Tx): Promise<void> {
    await applySnapshot(tx, event.data, new Date(event.occurredAt));
  }

  /** The first event of each cooperative in one statement; a second one for it goes one by one after. */
  async handleBatch(events: DetailsChanged[], tx: Tx): Promise<DetailsChanged[]> {
    const { together, rest } = splitBatch(events, ({ data }) => data.cooperativeId);
    await applySnapshots(
      tx,
      together.map((event) => ({
        snapshot: event.data,
        takenAt: new Date(event.occurredAt),
        context: eventContext(event),
      })),
    );
    return rest;
  }
}
