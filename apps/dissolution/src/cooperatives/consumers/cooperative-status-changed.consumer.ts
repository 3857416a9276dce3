import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, eventContext, type EventConsumer, type Tx } from '@koperasi/platform';
import { applySnapshot, applySnapshots } from '../cooperative-read-model';

const TYPE = 'registry.cooperative-status-changed.v1';
type StatusChanged = EventEnvelope<typeof TYPE>;

@EventHandler(TYPE)
export class CooperativeStatusChangedConsumer implements EventConsumer<typeof TYPE> {
  async handle(event: StatusChanged, tx: Tx): Promise<void> {
    await applySnapshot(tx, event.data, new Date(event.data.changedAt));
  }

  /** The first event of each cooperative in two statements, in id order; a second one for it goes one by one after. */
  async handleBatch(events: StatusChanged[], tx: Tx): Promise<StatusChanged[]> {
    const firsts = new Map<string, StatusChanged>();
    const rest: StatusChanged[] = [];
    for (const event of events) {
      if (firsts.has(event.data.cooperativeId)) rest.push(event);
      else firsts.set(event.data.cooperativeId, event);
    }
    const ordered = [...firsts.values()].sort((a, b) => (a.data.cooperativeId < b.data.cooperativeId ? -1 : 1));
    await applySnapshots(tx, ordered.map((event) => ({ snapshot: event.data, takenAt: new Date(event.data.changedAt), context: eventContext(event) })));
    return rest;
  }
}
