import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import type { EventEnvelope, EventType } from '@koperasi/contracts';
import type { EventStatement } from './event-statement';
import type { Tx } from './unit-of-work';

export const EVENT_HANDLER_KEY = 'koperasi:event-handler';

/** A consumer applies one event type inside the transaction that also records it as processed. */
export interface EventConsumer<T extends EventType> {
  handle(event: EventEnvelope<T>, tx: Tx): Promise<void>;
  /**
   * Optional, for hot event types: applies in one go those of `events` it can, and answers the
   * rest, which the inbox then passes to `handle` one by one, in order. The effect must be that of
   * `handle` on each event in order. It runs without a per-event context, so what it writes
   * carries each event's correlation id and actor explicitly (`eventContext`).
   */
  handleBatch?(events: EventEnvelope<T>[], tx: Tx): Promise<EventEnvelope<T>[]>;
  /**
   * Optional, for the latency path: the whole effect of `event`, alone, as one statement, or null
   * when it needs `handle` (the inbox then applies it in a transaction). The effect must be that
   * of `handle`. Like `handleBatch`, it writes the event's correlation id and actor explicitly.
   */
  statementFor?(event: EventEnvelope<T>): EventStatement | null;
}

export const EventHandler = (type: EventType) => applyDecorators(Injectable(), SetMetadata(EVENT_HANDLER_KEY, type));
