import type { Actor } from './roles';
import type { EventData, EventType } from './events';

/** What travels in every BullMQ job: the job name is `type`, the job data is the envelope. */
export interface EventEnvelope<T extends EventType = EventType> {
  eventId: string;
  type: T;
  occurredAt: string;
  correlationId: string;
  causationId?: string;
  actor?: Actor;
  data: EventData<T>;
  /** The service whose key signed the envelope (its producer, or an inbox re-queuing a dead letter). */
  signedBy?: string;
  /** HMAC-SHA256 (hex) of the envelope without this field; the inbox refuses a missing or wrong one. */
  signature?: string;
}
