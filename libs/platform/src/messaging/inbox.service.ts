import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { UnrecoverableError, type Job } from 'bullmq';
import { CLS_ID, ClsService } from 'nestjs-cls';
import {
  checkEventData,
  eventTypesRoutedTo,
  isEventType,
  SYSTEM_ACTOR,
  type EventEnvelope,
  type EventType,
  type RoutingTable,
} from '@koperasi/contracts';
import { SERVICE_IDENTITY } from '../config/config.tokens';
import { CONTEXT_KEYS } from '../context/request-context';
import { DomainError } from '../http/domain-error';
import type { ServiceIdentity } from '../service-identity';
import { DeadLetters } from './dead-letters.service';
import { EVENT_HANDLER_KEY, type EventConsumer } from './event-handler.decorator';
import { discoverByMetadata } from './handler-discovery';
import { EVENT_JOB_ATTEMPTS } from './messaging.constants';
import { ROUTING_TABLE } from './routing.token';
import { UnitOfWork } from './unit-of-work';

export type InboxOutcome = 'applied' | 'duplicate';

/**
 * Applies events from this service's inbox queue: each exactly once, recorded in
 * processed_events in the same transaction as its effect. Deterministic failures (bad envelope,
 * bad payload, a DomainError from the handler) go to the dead-letter list at once; anything else
 * is rethrown so BullMQ retries with backoff, and dead-lettered when the attempts run out.
 */
@Injectable()
export class InboxService implements OnModuleInit {
  private readonly logger = new Logger(InboxService.name);
  private handlers = new Map<string, EventConsumer<EventType>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly uow: UnitOfWork,
    private readonly deadLetters: DeadLetters,
    private readonly cls: ClsService,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(ROUTING_TABLE) private readonly routing: RoutingTable,
  ) {}

  /** The startup check: every event type routed here has exactly one handler, and no handler is idle. */
  onModuleInit(): void {
    const handlers = discoverByMetadata<EventConsumer<EventType>>(this.discovery, this.reflector, EVENT_HANDLER_KEY);
    const routed = eventTypesRoutedTo(this.identity.inboxQueue, this.routing);
    const problems = [
      ...routed.filter((type) => (handlers.get(type)?.length ?? 0) !== 1)
        .map((type) => `${type} has ${handlers.get(type)?.length ?? 0} handlers (needs exactly 1)`),
      ...[...handlers.keys()].filter((type) => !routed.includes(type as EventType))
        .map((type) => `${type} has a handler but is not routed to ${this.identity.inboxQueue}`),
    ];
    if (problems.length > 0) throw new Error(`Event handler check failed for ${this.identity.name}: ${problems.join('; ')}`);
    this.handlers = new Map([...handlers].map(([type, [handler]]) => [type, handler]));
  }

  async process(job: Job): Promise<InboxOutcome> {
    const envelope = job.data as EventEnvelope;
    const correlationId = typeof envelope?.correlationId === 'string' ? envelope.correlationId : job.id;
    return this.cls.run(async () => {
      this.cls.set(CLS_ID, correlationId);
      this.cls.set(CONTEXT_KEYS.causationId, envelope?.eventId);
      this.cls.set(CONTEXT_KEYS.actor, envelope?.actor ?? SYSTEM_ACTOR);
      return this.apply(job, envelope);
    });
  }

  private async apply(job: Job, envelope: EventEnvelope): Promise<InboxOutcome> {
    if (!envelope || typeof envelope.eventId !== 'string' || !isEventType(job.name) || envelope.type !== job.name) {
      return this.deadLetter(job, 'INVALID_ENVELOPE', 'The job is not an event envelope of a known type');
    }
    const check = checkEventData(envelope.type, envelope.data);
    if (!check.ok) {
      return this.deadLetter(job, 'INVALID_PAYLOAD', check.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    }
    const handler = this.handlers.get(envelope.type);
    if (!handler) return this.deadLetter(job, 'NO_HANDLER', `No handler for ${envelope.type}`);

    try {
      const outcome = await this.uow.run(async (tx) => {
        const fresh = await tx.manager.query(
          `INSERT INTO processed_events (consumer, event_id, type) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.identity.name, envelope.eventId, envelope.type],
        );
        if (fresh.length === 0) return 'duplicate' as const;
        await handler.handle({ ...envelope, data: check.data }, tx);
        return 'applied' as const;
      });
      this.logger.log({ eventId: envelope.eventId, eventType: envelope.type, outcome }, 'Event consumed');
      return outcome;
    } catch (error) {
      if (error instanceof DomainError) return this.deadLetter(job, error.code, error.message);
      const attempts = job.opts.attempts ?? EVENT_JOB_ATTEMPTS;
      if (job.attemptsMade + 1 >= attempts) {
        await this.deadLetter(job, 'RETRIES_EXHAUSTED', (error as Error).message, false);
      }
      throw error;
    }
  }

  private async deadLetter(job: Job, code: string, message: string, stop = true): Promise<never> {
    await this.deadLetters.record({
      queue: this.identity.inboxQueue,
      eventType: job.name,
      payload: job.data ?? null,
      errorCode: code,
      errorMessage: message,
      attempts: job.attemptsMade + 1,
    });
    if (stop) throw new UnrecoverableError(`${code}: ${message}`);
    throw new Error(`${code}: ${message}`);
  }
}
