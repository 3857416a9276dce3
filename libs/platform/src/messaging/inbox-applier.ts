import { CLS_ID, type ClsService } from 'nestjs-cls';
import type { Logger } from '@nestjs/common';
import { SYSTEM_ACTOR, type EventEnvelope, type EventType } from '@koperasi/contracts';
import { CONTEXT_KEYS } from '../context/request-context';
import type { EventConsumer } from './event-handler.decorator';
import { EVENT_IS_NEW, type EventStatement } from './event-statement';
import { isPermanentRefusal } from './transient-conflict';
import type { Tx, UnitOfWork } from './unit-of-work';

export type InboxOutcome = 'applied' | 'duplicate';

/** A deterministic refusal of one event: it becomes a dead letter of its own. */
export interface Refusal {
  code: string;
  message: string;
}

export type Settled = InboxOutcome | Refusal;

/** What an event's dead letter records of where it came from: its job, or its place in a batch job. */
export interface Origin {
  jobId: string | null;
  eventType: string;
  payload: unknown;
  attempts: number;
}

/** An event that passed the inbox's checks, with the handler of its type. */
export interface Delivery {
  origin: Origin;
  event: EventEnvelope;
  handler: EventConsumer<EventType>;
}

/**
 * Applies a batch of checked events for the inbox: in one transaction, each recorded in
 * processed_events with its effect; when that fails, one by one, each cooperative's in order.
 */
export class InboxApplier {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cls: ClsService,
    private readonly consumer: string,
    private readonly logger: Logger,
  ) {}

  /** Applies a batch in one transaction, or its events one by one when that fails; settles each. */
  async apply(deliveries: Delivery[]): Promise<PromiseSettledResult<Settled>[]> {
    if (deliveries.length > 1) {
      try {
        const outcomes = await this.applyTogether(deliveries);
        return outcomes.map((value) => ({ status: 'fulfilled', value }));
      } catch (error) {
        this.logger.warn(
          { err: error, events: deliveries.length },
          'Event batch failed; applying its events one by one',
        );
      }
    }
    return this.applyOneByOne(deliveries);
  }

  /** Each key's events one after the other, in their order; different keys side by side. */
  private async applyOneByOne(deliveries: Delivery[]): Promise<PromiseSettledResult<Settled>[]> {
    const outcomes: PromiseSettledResult<Settled>[] = new Array(deliveries.length);
    const byKey = new Map<string, number[]>();
    deliveries.forEach((delivery, index) => {
      const key = orderingKey(delivery.event);
      byKey.set(key, [...(byKey.get(key) ?? []), index]);
    });
    await Promise.all(
      [...byKey.values()].map(async (indexes) => {
        for (const index of indexes) [outcomes[index]] = await Promise.allSettled([this.applyAlone(deliveries[index])]);
      }),
    );
    return outcomes;
  }

  private applyTogether(deliveries: Delivery[]): Promise<InboxOutcome[]> {
    return this.cls.run(async () => {
      const outcomes = await this.uow.run(async (tx) => {
        const fresh = await this.recordProcessed(
          tx,
          deliveries.map((delivery) => delivery.event),
        );
        // The first delivery of a fresh id takes it; a second one in the same batch is a duplicate.
        const applied = deliveries.map((delivery) => fresh.delete(delivery.event.eventId));
        const toApply = deliveries.filter((_, index) => applied[index]);
        for (const run of runsOfOneType(toApply)) await this.handleRun(run, tx);
        return applied.map((isFresh): InboxOutcome => (isFresh ? 'applied' : 'duplicate'));
      });
      this.logger.log(
        {
          events: deliveries.length,
          applied: outcomes.filter((outcome) => outcome === 'applied').length,
          eventIds: deliveries.map((d) => d.event.eventId),
        },
        'Event batch consumed',
      );
      return outcomes;
    });
  }

  /** Consecutive events of one type go to the handler's batch method when it has one. */
  private async handleRun(run: Delivery[], tx: Tx): Promise<void> {
    const { handler } = run[0];
    let events = run.map((delivery) => delivery.event);
    if (handler.handleBatch && events.length > 1) {
      this.enterContext(null);
      events = await handler.handleBatch(events, tx);
    }
    for (const event of events) {
      this.enterContext(event);
      await handler.handle(event, tx);
    }
  }

  /** Applies one event; a deterministic refusal is answered, to be dead-lettered alone. */
  private applyAlone({ event, handler }: Delivery): Promise<Settled> {
    return this.cls.run(async () => {
      this.enterContext(event);
      try {
        const statement = handler.statementFor?.(event);
        const outcome = statement
          ? await this.applyInOneStatement(event, statement)
          : await this.uow.run(async (tx) => {
              const fresh = await this.recordProcessed(tx, [event]);
              if (fresh.size === 0) return 'duplicate' as const;
              await handler.handle(event, tx);
              return 'applied' as const;
            });
        this.logger.log({ eventId: event.eventId, eventType: event.type, outcome }, 'Event consumed');
        return outcome;
      } catch (error) {
        if (isPermanentRefusal(error)) return { code: error.code, message: error.message };
        throw error;
      }
    });
  }

  /** The event's processed_events row and its effect in one statement (see EventStatement). */
  private async applyInOneStatement(event: EventEnvelope, statement: EventStatement): Promise<InboxOutcome> {
    const [{ fresh }] = await this.uow.runStatement<{ fresh: boolean; rows: unknown[] }>(
      `WITH fresh AS (
         INSERT INTO processed_events (consumer, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id),
       ${statement.with}
       SELECT ${EVENT_IS_NEW} AS fresh, (SELECT coalesce(json_agg(result), '[]') FROM (${statement.select}) result) AS rows`,
      [this.consumer, event.eventId, event.type, ...statement.params],
      ([{ rows }]) => statement.settle(rows),
    );
    return fresh ? 'applied' : 'duplicate';
  }

  /** Records the events as processed; answers the ids that were not processed before. */
  private async recordProcessed(tx: Tx, events: EventEnvelope[]): Promise<Set<string>> {
    const rows: { event_id: string }[] = await tx.manager.query(
      `INSERT INTO processed_events (consumer, event_id, type)
       SELECT $1, * FROM unnest($2::uuid[], $3::varchar[]) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.consumer, events.map((event) => event.eventId), events.map((event) => event.type)],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  /**
   * The correlation id, causation and actor that the handler's writes (audit, events) carry. A
   * batch handler gets none: it writes each event's own (see eventContext).
   */
  private enterContext(event: EventEnvelope | null): void {
    this.cls.set(CLS_ID, event?.correlationId);
    this.cls.set(CONTEXT_KEYS.causationId, event?.eventId);
    this.cls.set(CONTEXT_KEYS.actor, event?.actor ?? SYSTEM_ACTOR);
  }
}

/** Events about one cooperative are applied in order; others have no order among themselves. */
export function orderingKey(event: EventEnvelope): string {
  const { cooperativeId } = event.data as { cooperativeId?: unknown };
  return typeof cooperativeId === 'string' ? `cooperative:${cooperativeId}` : `event:${event.eventId}`;
}

function runsOfOneType(deliveries: Delivery[]): Delivery[][] {
  const runs: Delivery[][] = [];
  for (const delivery of deliveries) {
    const last = runs.at(-1);
    if (last && last[0].event.type === delivery.event.type) last.push(delivery);
    else runs.push([delivery]);
  }
  return runs;
}
