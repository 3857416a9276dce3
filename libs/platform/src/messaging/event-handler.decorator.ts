import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import type { EventEnvelope, EventType } from '@koperasi/contracts';
import type { Tx } from './unit-of-work';

export const EVENT_HANDLER_KEY = 'koperasi:event-handler';

/** A consumer applies one event type inside the transaction that also records it as processed. */
export interface EventConsumer<T extends EventType> {
  handle(event: EventEnvelope<T>, tx: Tx): Promise<void>;
}

export const EventHandler = (type: EventType) => applyDecorators(Injectable(), SetMetadata(EVENT_HANDLER_KEY, type));
