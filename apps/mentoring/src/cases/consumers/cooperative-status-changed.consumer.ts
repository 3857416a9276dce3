import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, eventContext, splitBatch, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeReadModel } from '../../cooperatives/cooperative-read-model';
import { CaseClosings, type SystemClose } from '../case-closings.service';
import { CaseLifecycle } from '../case-lifecycle.service';
import { DISSOLVED, REACTIVATED } from '../case-outcomes';
import { BACK_FROM_DISSOLUTION_PRIORITY } from './reopen-reactivation';

const TYPE = 'registry.cooperative-status-changed.v1';
type StatusChanged = EventEnvelope<typeof TYPE>;

/**
 * Keeps the read model and our status history (one statement), then acts on cases: INACTIVE opens reactivation,
 * ACTIVE closes it as reactivated, DISSOLVED / LEGAL_ENTITY_REVOKED close every open case.
 */
@EventHandler(TYPE)
export class CooperativeStatusChangedConsumer implements EventConsumer<typeof TYPE> {
  constructor(
    private readonly readModel: CooperativeReadModel,
    private readonly cases: CaseLifecycle,
    private readonly closings: CaseClosings,
  ) {}

  async handle(event: StatusChanged, tx: Tx): Promise<void> {
    await this.apply(tx, [event]);
  }

  /**
   * A wave of status changes (the annual evaluation's, a run of dissolution decisions): the first
   * event of each cooperative in the batch, all in a few statements. A second event for a
   * cooperative goes one by one after these, which keeps each cooperative's events in order.
   */
  async handleBatch(events: StatusChanged[], tx: Tx): Promise<StatusChanged[]> {
    const { together, rest } = splitBatch(events, ({ data }) => data.cooperativeId);
    await this.apply(tx, together);
    return rest;
  }

  /** Events of distinct cooperatives, in the same few statements whether one or many. */
  private async apply(tx: Tx, events: StatusChanged[]): Promise<void> {
    const held = await this.readModel.upsertMany(
      tx,
      events.map(({ data }) => ({ ...data, status: data.to, statusChangedAt: new Date(data.changedAt) })),
      events.map(({ eventId, data }) => ({ eventId, ...data })),
    );
    // A late event older than the status we already hold is history only.
    const current = events.filter(({ data }) => held.get(data.cooperativeId)?.status === data.to);
    await this.cases.openMany(
      tx,
      current
        .filter(({ data }) => data.to === 'INACTIVE')
        .map((event) => ({
          ...this.reactivation(event),
          cooperativeName: held.get(event.data.cooperativeId)?.name ?? null,
        })),
    );
    await this.closings.closeOpen(
      tx,
      current.flatMap((event) => this.closing(event)),
    );
  }

  /** The cases a status closes: the reactivation when ACTIVE, every open case when dissolved. */
  private closing(event: StatusChanged): SystemClose[] {
    const { data } = event;
    const close = { cooperativeId: data.cooperativeId, context: eventContext(event) };
    switch (data.to) {
      case 'ACTIVE':
        return [{ ...close, type: 'REACTIVATION', outcome: REACTIVATED, reason: `Status ACTIVE: ${data.reason}` }];
      case 'DISSOLVED':
      case 'LEGAL_ENTITY_REVOKED':
        return [{ ...close, outcome: DISSOLVED, reason: `Status ${data.to}: ${data.reason}` }];
      default:
        return [];
    }
  }

  /** Back from a dissolution proceeding (an upheld objection, a withdrawal): as urgent as after a rejection. */
  private reactivation(event: StatusChanged) {
    const { data } = event;
    const back = data.from === 'IN_DISSOLUTION';
    return {
      cooperativeId: data.cooperativeId,
      type: 'REACTIVATION' as const,
      priority: back ? BACK_FROM_DISSOLUTION_PRIORITY : ('NORMAL' as const),
      reason: back ? `Dissolution ended: ${data.reason}` : `Became inactive: ${data.reason}`,
      context: eventContext(event),
    };
  }
}
