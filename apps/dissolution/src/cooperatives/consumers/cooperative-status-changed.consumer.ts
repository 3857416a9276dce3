import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, eventContext, splitBatch, type EventConsumer, type Tx } from '@koperasi/platform';
import { applySnapshot, applySnapshots } from '../cooperative-read-model';

const TYPE = 'registry.cooperative-status-changed.v1';
type StatusChanged = EventEnvelope<typeof TYPE>;

@EventHandler(TYPE)
export class CooperativeStatusChangedConsumer implements EventConsumer<typeof TYPE> {
  async handle(event: StatusChanged, tx: Tx): Promise<void> {
    await applySnapshot(tx, event.data, new Date(event.data.changedAt));
  }

  /** The first event of each cooperative in one statement; a second one for it goes one by one after. */
  async handleBatch(events: StatusChanged[], tx: Tx): Promise<StatusChanged[]> {
    const { together, rest } = splitBatch(events, ({ data }) => data.cooperativeId);
    await applySnapshots(
      tx,
      together.map((event) => ({
        snapshot: event.data,
        takenAt: new Date(event.data.changedAt),
        context: eventContext(event),
      })),
    );
    return rest;
  }
}
