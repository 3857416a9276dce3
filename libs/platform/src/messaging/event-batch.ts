import { createHash } from 'node:crypto';
import type { EventEnvelope } from '@koperasi/contracts';

/**
 * The job name of several events sent to one queue together; a job of one event is named after
 * its type. Renaming it strands the batch jobs waiting in Redis.
 */
export const EVENT_BATCH_JOB = 'event-batch';

/** The data of an EVENT_BATCH_JOB: the producer-signed envelopes, in outbox order. */
export interface EventBatch {
  events: EventEnvelope[];
}

/**
 * The job id of a batch: made of its event ids, so a relay that sends the same rows again after a
 * crash adds the same job, which BullMQ drops. A different grouping makes another job; the
 * inbox's processed_events drops the repeats in it.
 */
export function eventBatchJobId(eventIds: string[]): string {
  return `batch-${createHash('sha256').update(eventIds.join(',')).digest('hex').slice(0, 40)}`;
}

/** The dead letter of one event of a batch job: one per (job, event), so a second record is a no-op. */
export function batchEventJobId(batchJobId: string | undefined, eventId: unknown, index: number): string {
  return `${batchJobId ?? 'batch'}-${typeof eventId === 'string' ? eventId.slice(0, 80) : `#${index}`}`;
}

/** The envelopes of a batch job's data as received (not yet checked), or null when it is no batch. */
export function eventsOfBatch(data: unknown): unknown[] | null {
  const events = (data as Partial<EventBatch> | null)?.events;
  return Array.isArray(events) && events.length > 0 ? events : null;
}

/** What a received envelope says it is, for a dead letter when it cannot be trusted. */
export function claimedIdentity(raw: unknown, index: number): { eventId: unknown; eventType: string } {
  const envelope = (raw ?? {}) as { eventId?: unknown; type?: unknown };
  return {
    eventId: envelope.eventId ?? null,
    eventType: typeof envelope.type === 'string' ? envelope.type : `${EVENT_BATCH_JOB}#${index}`,
  };
}
