import { Injectable } from '@nestjs/common';
import type { CooperativeStatus, EventEnvelope } from '@koperasi/contracts';
import { eventContext, splitBatch, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeStatusService, type StatusChange } from '../cooperative-status.service';
import { checkExpectedTransition } from '../cooperative-status';
import type { Cooperative } from '../cooperative.entity';
import { StatusChangeRefusals, type DissolutionStatusEvent, type StatusChangeRefusal } from './status-change-refusals';

export interface StatusTarget {
  to: CooperativeStatus;
  /** The status the event expects the cooperative to be in (its `expectedStatus`). */
  expected: CooperativeStatus;
  reason: string;
  /** The day the change took effect, when the event says (a decree's or gazette's date). */
  effectiveOn?: string;
}

/**
 * A dissolution event that moves its cooperative to one status, only from the status it expects.
 * When many arrive together, the first of each cooperative is applied in a few statements; the rest
 * go one by one after them.
 */
@Injectable()
export abstract class StatusChangingConsumer<T extends DissolutionStatusEvent> implements EventConsumer<T> {
  constructor(
    private readonly statuses: CooperativeStatusService,
    private readonly refusals: StatusChangeRefusals,
  ) {}

  /** Where the event takes the cooperative, or null when it leaves the status alone. */
  protected abstract target(event: EventEnvelope<T>): StatusTarget | null;

  async handle(event: EventEnvelope<T>, tx: Tx): Promise<void> {
    const target = this.target(event);
    if (!target) return;
    const cooperative = await this.statuses.lock(tx, event.data.cooperativeId);
    await this.apply(tx, [{ event, target, cooperative }]);
  }

  async handleBatch(events: EventEnvelope<T>[], tx: Tx): Promise<EventEnvelope<T>[]> {
    const batch = events.flatMap((event) => {
      const target = this.target(event);
      return target ? [{ event, target }] : [];
    });
    const { together, rest } = splitBatch(batch, ({ event }) => event.data.cooperativeId);
    if (together.length === 0) return rest.map(({ event }) => event);
    const locked = await this.statuses.lockMany(
      tx,
      together.map(({ event }) => event.data.cooperativeId),
    );
    await this.apply(
      tx,
      together.map((item) => ({ ...item, cooperative: locked.get(item.event.data.cooperativeId)! })),
    );
    return rest.map(({ event }) => event);
  }

  /** Applies the changes whose expected status holds; refuses the others with an event. */
  private async apply(
    tx: Tx,
    items: { event: EventEnvelope<T>; target: StatusTarget; cooperative: Cooperative }[],
  ): Promise<void> {
    const changes: StatusChange[] = [];
    const refused: StatusChangeRefusal[] = [];
    for (const { event, target, cooperative } of items) {
      const check = checkExpectedTransition(cooperative.status, target.expected, target.to);
      if (check.ok) {
        changes.push({
          cooperative,
          to: target.to,
          cause: { reason: target.reason, triggeringEventId: event.eventId, effectiveOn: target.effectiveOn },
          context: eventContext(event),
        });
      } else {
        refused.push({ event, cooperative, expected: target.expected, requested: target.to, ...check });
      }
    }
    if (changes.length > 0) await this.statuses.changeMany(tx, changes);
    await this.refusals.refuseAll(tx, refused);
  }
}
