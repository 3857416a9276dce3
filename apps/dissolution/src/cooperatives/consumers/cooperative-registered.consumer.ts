import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, eventContext, splitBatch, type EventConsumer, type Tx } from '@koperasi/platform';
import { applySnapshot, applySnapshots } from '../cooperative-read-model';

const TYPE = 'registry.cooperative-registered.v1';
type Registered = EventEnvelope<typeof TYPE>;

@EventHandler(TYPE)
export class CooperativeRegisteredConsumer implements EventConsumer<typeof TYPE> {
  async handle(event: Registered, tx: Tx): Promise<void> {
    await applySnapshot(tx, event.data, new Date(event.data.registeredAt));
  }

  /** An import's registrations, first of each cooperative, in one statement; the rest one by one after. */
  async handleBatch(events: Registered[], tx: Tx): Promise<Registered[]> {
    const { together, rest } = splitBatch(events, ({ data }) => data.cooperativeId);
    await applySnapshots(
      tx,
      together.map((event) => ({
        snapshot: event.data,
        takenAt: new Date(event.data.registeredAt),
        context: eventContext(event),
      })),
    );
    return rest;
  }
}
