import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { applySnapshot } from '../cooperative-read-model';

const TYPE = 'registry.cooperative-registered.v1';

@EventHandler(TYPE)
export class CooperativeRegisteredConsumer implements EventConsumer<typeof TYPE> {
  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    await applySnapshot(tx, event.data, new Date(event.data.registeredAt));
  }
}
