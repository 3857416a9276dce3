import { randomUUID } from 'node:crypto';
import { checkEventData, type EventData, type EventEnvelope, type EventType } from '@koperasi/contracts';
import { currentActor, currentCausationId, currentCorrelationId, type WriteContext } from '../context/request-context';
import { DomainError } from '../http/domain-error';

/** Largest envelope a service publishes (1 MiB); a job this size is still cheap to hold in Redis and retry. */
export const MAX_EVENT_BYTES = 1024 * 1024;

/**
 * Builds an envelope in the given context, or the current request or job's, refusing a payload
 * its schema rejects.
 */
export function buildEnvelope<T extends EventType>(
  type: T,
  data: EventData<T>,
  context?: WriteContext,
): EventEnvelope<T> {
  const check = checkEventData(type, data);
  if (!check.ok) {
    throw new DomainError('EVENT_PAYLOAD_INVALID', `Refusing to publish an invalid ${type}`, 500, {
      issues: check.issues,
    });
  }
  const envelope: EventEnvelope<T> = {
    eventId: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    correlationId: (context ? context.correlationId : currentCorrelationId()) ?? randomUUID(),
    causationId: context ? context.causationId : currentCausationId(),
    actor: context ? context.actor : currentActor(),
    data: check.data,
  };
  const bytes = Buffer.byteLength(JSON.stringify(envelope));
  if (bytes > MAX_EVENT_BYTES) {
    throw new DomainError('EVENT_PAYLOAD_TOO_LARGE', `The ${type} this change would publish is too large`, 422, {
      bytes,
      limit: MAX_EVENT_BYTES,
    });
  }
  return envelope;
}
