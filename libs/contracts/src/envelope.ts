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
}
