import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, splitBatch, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeReadModel } from '../cooperative-read-model';

const TYPE = 'registry.cooperative-details-changed.v1';
type DetailsChanged = EventEnvelope<typeof TYPE>;

@EventHandler(TYPE)
export class CooperativeDetailsChangedConsumer implements EventConsumer<typeof TYPE> {
  constructor(private readonly readModel: CooperativeReadModel) {}

  async handle(event: DetailsChanged, tx: Tx): Promise<void> {
    await this.readModel.upsert(tx, event.data);
  }

  /** The first change of each cooperative in one upsert; a second one for it goes one by one after. */
  async handleBatch(events: DetailsChanged[], tx: Tx): Promise<DetailsChanged[]> {
    const { together, rest } = splitBatch(events, ({ data }) => data.cooperativeId);
    await this.readModel.upsertMany(
      tx,
      together.map(({ data }) => ({ ...data, statusChangedAt: null })),
    );
    return rest;
  }
}
