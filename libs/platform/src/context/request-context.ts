import { ClsServiceManager } from 'nestjs-cls';
import { SYSTEM_ACTOR, type Actor, type EventEnvelope } from '@koperasi/contracts';

/** Keys kept in the per-request / per-job context (nestjs-cls). */
export const CONTEXT_KEYS = {
  actor: 'actor',
  causationId: 'causationId',
} as const;

export const CORRELATION_HEADER = 'x-correlation-id';

export function currentCorrelationId(): string | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.getId() : undefined;
}

export function currentActor(): Actor | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.get(CONTEXT_KEYS.actor) : undefined;
}

export function currentCausationId(): string | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.get(CONTEXT_KEYS.causationId) : undefined;
}

/** Who a write is by and which flow it belongs to, when it is not the current request or job's. */
export interface WriteContext {
  actor: Actor;
  correlationId: string | null;
  /** The consumed event that caused the write, if an event did. */
  causationId?: string;
}

/** The current request or job's context: what a write carries unless it is given its own. */
export function currentWriteContext(): WriteContext {
  return {
    actor: currentActor() ?? SYSTEM_ACTOR,
    correlationId: currentCorrelationId() ?? null,
    causationId: currentCausationId(),
  };
}

/** The context of a consumed event, for the writes of a handler that applies many at once. */
export function eventContext(event: Pick<EventEnvelope, 'eventId' | 'actor' | 'correlationId'>): WriteContext {
  return { actor: event.actor ?? SYSTEM_ACTOR, correlationId: event.correlationId, causationId: event.eventId };
}
