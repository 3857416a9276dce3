import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeReadModel } from '../../cooperatives/cooperative-read-model';
import { StatusTransition } from '../../cooperatives/status-transition.entity';
import { CaseLifecycle } from '../case-lifecycle.service';
import { DISSOLVED, REACTIVATED } from '../case-outcomes';

const TYPE = 'registry.cooperative-status-changed.v1';

/**
 * Keeps the read model and our status history, then acts on cases: INACTIVE opens reactivation,
 * ACTIVE closes it as reactivated, DISSOLVED / LEGAL_ENTITY_REVOKED close every open case.
 */
@EventHandler(TYPE)
export class CooperativeStatusChangedConsumer implements EventConsumer<typeof TYPE> {
  constructor(
    private readonly readModel: CooperativeReadModel,
    private readonly cases: CaseLifecycle,
  ) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    const { data } = event;
    const changedAt = new Date(data.changedAt);
    const cooperative = await this.readModel.upsert(tx, { ...data, status: data.to }, changedAt);
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(StatusTransition)
      .values({ eventId: event.eventId, cooperativeId: data.cooperativeId, fromStatus: data.from, toStatus: data.to, reason: data.reason, changedAt })
      .orIgnore()
      .execute();
    // A late event older than the status we already hold is history only.
    if (cooperative.status !== data.to) return;

    switch (data.to) {
      case 'INACTIVE':
        await this.cases.open(tx, { cooperativeId: data.cooperativeId, type: 'REACTIVATION', priority: 'NORMAL', reason: `Became inactive: ${data.reason}` });
        return;
      case 'ACTIVE':
        for (const open of await this.cases.findOpenForUpdate(tx, data.cooperativeId, ['REACTIVATION'])) {
          await this.cases.close(tx, open, { outcome: REACTIVATED, reason: `Status ACTIVE: ${data.reason}` });
        }
        return;
      case 'DISSOLVED':
      case 'LEGAL_ENTITY_REVOKED':
        for (const open of await this.cases.findOpenForUpdate(tx, data.cooperativeId)) {
          await this.cases.close(tx, open, { outcome: DISSOLVED, reason: `Status ${data.to}: ${data.reason}` });
        }
        return;
      case 'IN_DISSOLUTION':
        return;
    }
  }
}
