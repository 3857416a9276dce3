import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeReadModel } from '../cooperative-read-model';

const TYPE = 'registry.cooperative-registered.v1';

@EventHandler(TYPE)
export class CooperativeRegisteredConsumer implements EventConsumer<typeof TYPE> {
  constructor(private readonly readModel: CooperativeReadModel) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    await this.readModel.upsert(tx, event.data);
  }
}
