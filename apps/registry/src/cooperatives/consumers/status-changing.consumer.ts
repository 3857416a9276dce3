import { Injectable } from '@nestjs/common';
import type { CooperativeStatus, EventEnvelope, EventType } from '@koperasi/contracts';
import { eventContext, splitBatch, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeStatusService } from '../cooperative-status.service';

type CooperativeEvent = {
  [T in EventType]: EventEnvelope<T>['data'] extends { cooperativeId: string } ? T : never;
}[EventType];

export interface StatusTarget {
  to: CooperativeStatus;
  reason: string;
}

/**
 * A dissolution event that moves its cooperative to one status. When many arrive together, the
 * first of each cooperative is applied in a few statements; the rest go one by one after them.
 */
@Injectable()
export abstract class StatusChangingConsumer<T extends CooperativeEvent> implements EventConsumer<T> {
  constructor(private readonly statuses: CooperativeStatusService) {}

  /** Where the event takes the cooperative, or null when it leaves the status alone. */
  protected abstract target(event: EventEnvelope<T>): StatusTarget | null;

  async handle(event: EventEnvelope<T>, tx: Tx): Promise<void> {
    const target = this.target(event);
    if (!target) return;
    const cooperative = await this.statuses.lock(tx, event.data.cooperativeId);
    await this.statuses.change(tx, cooperative, target.to, { reason: target.reason, triggeringEventId: event.eventId });
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
    await this.statuses.changeMany(
      tx,
      together.map(({ event, target }) => ({
        cooperative: locked.get(event.data.cooperativeId)!,
        to: target.to,
        cause: { reason: target.reason, triggeringEventId: event.eventId },
        context: eventContext(event),
      })),
    );
    return rest.map(({ event }) => event);
  }
}
