import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, eventContext, splitBatch, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeReadModel } from '../../cooperatives/cooperative-read-model';
import { CaseLifecycle } from '../case-lifecycle.service';

const TYPE = 'registry.cooperative-registered.v1';
type Registered = EventEnvelope<typeof TYPE>;

/**
 * Keeps the read model; a cooperative registered (or imported) as INACTIVE gets its REACTIVATION
 * case like one that became INACTIVE, unless a newer status already reached us.
 */
@EventHandler(TYPE)
export class CooperativeRegisteredConsumer implements EventConsumer<typeof TYPE> {
  constructor(
    private readonly readModel: CooperativeReadModel,
    private readonly cases: CaseLifecycle,
  ) {}

  async handle(event: Registered, tx: Tx): Promise<void> {
    await this.handleBatch([event], tx);
  }

  /** An import's registrations, first of each cooperative, in a few statements. */
  async handleBatch(events: Registered[], tx: Tx): Promise<Registered[]> {
    const { together, rest } = splitBatch(events, ({ data }) => data.cooperativeId);
    const held = await this.readModel.upsertMany(
      tx,
      together.map(({ data }) => ({ ...data, statusChangedAt: null })),
    );
    const inactive = together.filter(
      ({ data }) => data.status === 'INACTIVE' && held.get(data.cooperativeId)?.status === 'INACTIVE',
    );
    await this.cases.openMany(
      tx,
      inactive.map((event) => ({
        cooperativeId: event.data.cooperativeId,
        type: 'REACTIVATION' as const,
        priority: 'NORMAL' as const,
        reason: 'Registered as inactive',
        context: eventContext(event),
      })),
    );
    return rest;
  }
}
