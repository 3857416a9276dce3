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
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { CONTEXT_KEYS } from '../context/request-context';
import type { ServiceIdentity } from '../service-identity';
import { DeadLetters } from './dead-letters.service';
import { producerOf, verifyEnvelope } from './envelope-signature';
import { EVENT_HANDLER_KEY, type EventConsumer } from './event-handler.decorator';
import { discoverByMetadata } from './handler-discovery';
import { INBOX_BATCH_MAX, INBOX_BATCHES_IN_FLIGHT } from './messaging.constants';
import { PlatformMetrics } from '../metrics/platform-metrics';
import { MicroBatcher } from './micro-batcher';
import { ROUTING_TABLE } from './routing.token';
import { isPermanentRefusal } from './transient-conflict';
import { UnitOfWork, type Tx } from './unit-of-work';

export type InboxOutcome = 'applied' | 'duplicate';

/** A job whose envelope and payload passed the checks, with the handler of its type. */
interface Delivery {
  job: Job;
  event: EventEnvelope;
  handler: EventConsumer<EventType>;
}

/**
 * Applies events from this service's inbox queue: each exactly once, recorded in
 * processed_events in the same transaction as its effect, once its producer's signature holds.
 * The jobs in flight are applied in batches, one transaction per batch, and a cooperative's
 * events are never in two batches at once; if a batch fails, its events are applied one by one
 * (each cooperative's in order), so one bad event neither blocks nor takes down the others.
 * Deterministic failures (bad envelope or signature, bad payload, a DomainError from the handler
 * other than a lost race) go to the dead-letter list at once; anything else is rethrown so BullMQ
 * retries with backoff, and dead-lettered when the attempts run out (FailedJobReconciler records
 * whatever fails in any other way).
 */
@Injectable()
export class InboxService implements OnModuleInit {
  private readonly logger = new Logger(InboxService.name);
  private handlers = new Map<string, EventConsumer<EventType>>();
  private readonly batcher: MicroBatcher<Delivery, InboxOutcome>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly uow: UnitOfWork,
    private readonly deadLetters: DeadLetters,
    private readonly cls: ClsService,
    private readonly metrics: PlatformMetrics,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(ROUTING_TABLE) private readonly routing: RoutingTable,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
  ) {
    this.batcher = new MicroBatcher(
      (deliveries) => this.metrics.timeInboxBatch(deliveries.length, () => this.applyBatch(deliveries)),
      INBOX_BATCH_MAX,
      INBOX_BATCHES_IN_FLIGHT,
      ({ event }) => orderingKey(event),
    );
  }

  /** The startup check: every event type routed here has exactly one handler, and no handler is idle. */
  onModuleInit(): void {
    const handlers = discoverByMetadata<EventConsumer<EventType>>(this.discovery, this.reflector, EVENT_HANDLER_KEY);
    const routed = eventTypesRoutedTo(this.identity.inboxQueue, this.routing);
    const problems = [
      ...routed
        .filter((type) => (handlers.get(type)?.length ?? 0) !== 1)
        .map((type) => `${type} has ${handlers.get(type)?.length ?? 0} handlers (needs exactly 1)`),
      ...[...handlers.keys()]
        .filter((type) => !routed.includes(type as EventType))
        .map((type) => `${type} has a handler but is not routed to ${this.identity.inboxQueue}`),
    ];
    if (problems.length > 0)
      throw new Error(`Event handler check failed for ${this.identity.name}: ${problems.join('; ')}`);
    this.handlers = new Map([...handlers].map(([type, [handler]]) => [type, handler]));
  }

  async process(job: Job): Promise<InboxOutcome> {
    const envelope = job.data as EventEnvelope;
    if (!envelope || typeof envelope.eventId !== 'string' || !isEventType(job.name) || envelope.type !== job.name) {
      return this.deadLetter(job, 'INVALID_ENVELOPE', 'The job is not an event envelope of a known type');
    }
    // Its producer signs an event; this service itself signs only a dead letter it re-queues.
    const signature = verifyEnvelope(job.data, this.config.EVENT_SIGNING_KEYS, [
      producerOf(envelope.type),
      this.identity.name,
    ]);
    if (!signature.ok) {
      this.logger.warn(
        { jobId: job.id, eventType: job.name, eventId: envelope.eventId, signedBy: envelope.signedBy ?? null },
        `Refusing an event that is unsigned or altered: ${signature.reason}`,
      );
      return this.deadLetter(job, 'BAD_SIGNATURE', `The envelope's signature does not hold: ${signature.reason}`);
    }
    const check = checkEventData(envelope.type, envelope.data);
    if (!check.ok) {
      return this.deadLetter(job, 'INVALID_PAYLOAD', check.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    }
    const handler = this.handlers.get(envelope.type);
    if (!handler) return this.deadLetter(job, 'NO_HANDLER', `No handler for ${envelope.type}`);
    const correlationId = typeof envelope.correlationId === 'string' ? envelope.correlationId : String(job.id);
    return this.batcher.submit({ job, event: { ...envelope, correlationId, data: check.data }, handler });
  }

  private async applyBatch(deliveries: Delivery[]): Promise<PromiseSettledResult<InboxOutcome>[]> {
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
  private async applyOneByOne(deliveries: Delivery[]): Promise<PromiseSettledResult<InboxOutcome>[]> {
    const outcomes: PromiseSettledResult<InboxOutcome>[] = new Array(deliveries.length);
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

  private applyAlone({ job, event, handler }: Delivery): Promise<InboxOutcome> {
    return this.cls.run(async () => {
      this.enterContext(event);
      try {
        const outcome = await this.uow.run(async (tx) => {
          const fresh = await this.recordProcessed(tx, [event]);
          if (fresh.size === 0) return 'duplicate' as const;
          await handler.handle(event, tx);
          return 'applied' as const;
        });
        this.logger.log({ eventId: event.eventId, eventType: event.type, outcome }, 'Event consumed');
        return outcome;
      } catch (error) {
        if (isPermanentRefusal(error)) return this.deadLetter(job, error.code, error.message);
        throw error;
      }
    });
  }

  /** Records the events as processed; answers the ids that were not processed before. */
  private async recordProcessed(tx: Tx, events: EventEnvelope[]): Promise<Set<string>> {
    const rows: { event_id: string }[] = await tx.manager.query(
      `INSERT INTO processed_events (consumer, event_id, type)
       SELECT $1, * FROM unnest($2::uuid[], $3::varchar[]) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.identity.name, events.map((event) => event.eventId), events.map((event) => event.type)],
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

  /**
   * Records the dead letter at once when PostgreSQL takes it; either way the job fails for good
   * with the code in its reason, and FailedJobReconciler records it from the failed set if needed.
   */
  private async deadLetter(job: Job, code: string, message: string): Promise<never> {
    await this.deadLetters
      .record({
        queue: this.identity.inboxQueue,
        jobId: job.id ?? null,
        eventType: job.name,
        payload: job.data ?? null,
        errorCode: code,
        errorMessage: message,
        attempts: job.attemptsMade + 1,
      })
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error, jobId: job.id, code },
          'Dead letter not recorded yet; the failed-job sweep will',
        ),
      );
    throw new UnrecoverableError(`${code}: ${message}`);
  }
}

/** Events about one cooperative are applied in order; others have no order among themselves. */
function orderingKey(event: EventEnvelope): string {
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
