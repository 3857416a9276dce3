import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { UnrecoverableError, type Job } from 'bullmq';
import { ClsService } from 'nestjs-cls';
import { eventTypesRoutedTo, type EventEnvelope, type EventType, type RoutingTable } from '@koperasi/contracts';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { PlatformMetrics } from '../metrics/platform-metrics';
import type { ServiceIdentity } from '../service-identity';
import { DeadLetters } from './dead-letters.service';
import { batchEventJobId, claimedIdentity, EVENT_BATCH_JOB, eventsOfBatch } from './event-batch';
import { checkEnvelope } from './event-checks';
import { EVENT_HANDLER_KEY, type EventConsumer } from './event-handler.decorator';
import { discoverByMetadata } from './handler-discovery';
import {
  InboxApplier,
  orderingKey,
  type Delivery,
  type InboxOutcome,
  type Origin,
  type Refusal,
  type Settled,
} from './inbox-applier';
import { INBOX_BATCH_MAX, INBOX_BATCHES_IN_FLIGHT } from './messaging.constants';
import { MicroBatcher } from './micro-batcher';
import { ROUTING_TABLE } from './routing.token';
import { UnitOfWork } from './unit-of-work';

export type { InboxOutcome } from './inbox-applier';

/** What became of the events of a batch job. */
export interface BatchJobOutcome {
  events: number;
  applied: number;
  duplicate: number;
  deadLettered: number;
}

/**
 * Applies events from this service's inbox queue: each exactly once, recorded in
 * processed_events in the same transaction as its effect, once its producer's signature holds.
 * A job carries one event, or several in outbox order (EVENT_BATCH_JOB); every event is checked
 * and settled on its own. The events in flight are applied in batches, one transaction per batch,
 * and a cooperative's events are never in two batches at once; if a batch fails, its events are
 * applied one by one (each cooperative's in order), so one bad event neither blocks nor takes down
 * the others. Deterministic failures (bad envelope or signature, bad payload, a DomainError from
 * the handler other than a lost race) go to the dead-letter list at once, one letter per event;
 * anything else is rethrown so BullMQ retries the job with backoff (its events applied meanwhile
 * are then duplicates), and dead-lettered when the attempts run out (FailedJobReconciler records
 * whatever fails in any other way).
 */
@Injectable()
export class InboxService implements OnModuleInit {
  private readonly logger = new Logger(InboxService.name);
  private handlers = new Map<string, EventConsumer<EventType>>();
  private readonly batcher: MicroBatcher<Delivery, Settled>;
  private readonly applier: InboxApplier;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    uow: UnitOfWork,
    private readonly deadLetters: DeadLetters,
    cls: ClsService,
    private readonly metrics: PlatformMetrics,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(ROUTING_TABLE) private readonly routing: RoutingTable,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
  ) {
    this.applier = new InboxApplier(uow, cls, identity.name, this.logger);
    this.batcher = new MicroBatcher(
      (deliveries) => this.metrics.timeInboxBatch(deliveries.length, () => this.applier.apply(deliveries)),
      INBOX_BATCH_MAX,
      INBOX_BATCHES_IN_FLIGHT,
      ({ event }) => orderingKey(event),
    );
  }

  /** The startup check: every event type routed here has exactly one handler, and no handler is idle. */
  onModuleInit(): void {
    const handlers = discoverByMetadata<EventConsumer<EventType>>(this.discovery, this.reflector, EVENT_HANDLER_KEY);
    const inbox = this.identity.inboxQueue;
    const routed = inbox ? eventTypesRoutedTo(inbox, this.routing) : [];
    const problems = [
      ...routed
        .filter((type) => (handlers.get(type)?.length ?? 0) !== 1)
        .map((type) => `${type} has ${handlers.get(type)?.length ?? 0} handlers (needs exactly 1)`),
      ...[...handlers.keys()]
        .filter((type) => !routed.includes(type as EventType))
        .map((type) => `${type} has a handler but is not routed to ${inbox ?? `${this.identity.name} (no inbox)`}`),
    ];
    if (problems.length > 0)
      throw new Error(`Event handler check failed for ${this.identity.name}: ${problems.join('; ')}`);
    this.handlers = new Map([...handlers].map(([type, [handler]]) => [type, handler]));
  }

  process(job: Job): Promise<InboxOutcome | BatchJobOutcome> {
    return job.name === EVENT_BATCH_JOB ? this.processBatch(job) : this.processOne(job);
  }

  private async processOne(job: Job): Promise<InboxOutcome> {
    const origin = {
      jobId: job.id ?? null,
      eventType: job.name,
      payload: job.data ?? null,
      attempts: job.attemptsMade + 1,
    };
    this.metrics.observeInboxJob(1);
    const settled = await this.deliver(job.data, job.name, origin, String(job.id));
    if (typeof settled === 'string') return settled;
    await this.recordDeadLetter(origin, settled);
    throw new UnrecoverableError(`${settled.code}: ${settled.message}`);
  }

  /**
   * Settles every event of a batch job on its own. The job succeeds when each is applied, a
   * duplicate or dead-lettered; otherwise it fails to be retried, and a retry skips the events
   * dead-lettered before (processed_events skips the applied ones).
   */
  private async processBatch(job: Job): Promise<BatchJobOutcome> {
    const raws = eventsOfBatch(job.data);
    const attempts = job.attemptsMade + 1;
    if (!raws) {
      const whole = { jobId: job.id ?? null, eventType: job.name, payload: job.data ?? null, attempts };
      await this.recordDeadLetter(whole, { code: 'INVALID_ENVELOPE', message: 'The job is not a batch of events' });
      throw new UnrecoverableError('INVALID_ENVELOPE: The job is not a batch of events');
    }
    this.metrics.observeInboxJob(raws.length);
    const origins: Origin[] = raws.map((raw, index) => {
      const { eventId, eventType } = claimedIdentity(raw, index);
      return { jobId: batchEventJobId(job.id, eventId, index), eventType, payload: raw ?? null, attempts };
    });
    const lettered =
      job.attemptsMade > 0
        ? await this.deadLetters.recordedJobIds(
            this.inboxQueue,
            origins.map((origin) => origin.jobId!),
          )
        : new Set<string>();
    // Every event is submitted in this turn, in order: a cooperative's events keep their order.
    const results = await Promise.allSettled(
      raws.map(async (raw, index) => {
        const origin = origins[index];
        if (lettered.has(origin.jobId!)) return 'dead-lettered' as const;
        const settled = await this.deliver(raw, null, origin, String(job.id));
        if (typeof settled === 'string') return settled;
        if (!(await this.recordDeadLetter(origin, settled))) throw new Error('Its dead letter is not recorded yet');
        return 'dead-lettered' as const;
      }),
    );
    const count = (value: string) =>
      results.filter((result) => result.status === 'fulfilled' && result.value === value).length;
    const outcome = {
      events: raws.length,
      applied: count('applied'),
      duplicate: count('duplicate'),
      deadLettered: count('dead-lettered'),
    };
    const failures = results.filter((result) => result.status === 'rejected');
    this.logger.debug({ jobId: job.id, ...outcome, failed: failures.length }, 'Event batch job settled');
    if (failures.length > 0) {
      const reason = failures[0].reason as Error | undefined;
      throw new Error(
        `${failures.length} of ${raws.length} events of the batch are not applied yet: ${reason?.message ?? String(reason)}`,
      );
    }
    return outcome;
  }

  /**
   * Checks a received envelope and hands it to the batcher, or answers why it is refused. Nothing
   * is awaited before the hand-over, so events reach the batcher in the order they are delivered.
   */
  private deliver(
    raw: unknown,
    jobName: string | null,
    origin: Origin,
    fallbackCorrelationId: string,
  ): Promise<Settled> {
    const check = checkEnvelope(raw, this.config.EVENT_SIGNING_KEYS, this.identity.name, jobName);
    if (!check.ok) {
      if (check.code === 'BAD_SIGNATURE') {
        const envelope = raw as Partial<EventEnvelope>;
        this.logger.warn(
          {
            jobId: origin.jobId,
            eventType: origin.eventType,
            eventId: envelope.eventId,
            signedBy: envelope.signedBy ?? null,
          },
          `Refusing an event that is unsigned or altered: ${check.message}`,
        );
      }
      return Promise.resolve({ code: check.code, message: check.message });
    }
    const handler = this.handlers.get(check.event.type);
    if (!handler) return Promise.resolve({ code: 'NO_HANDLER', message: `No handler for ${check.event.type}` });
    const { correlationId } = check.event;
    const event = {
      ...check.event,
      correlationId: typeof correlationId === 'string' ? correlationId : fallbackCorrelationId,
    };
    return this.batcher.submit({ origin, event, handler });
  }

  /**
   * Records an event's dead letter; answers whether PostgreSQL took it (or had it already). A
   * single-event job fails for good either way, and FailedJobReconciler records it from the failed
   * set if needed; a batch job is retried.
   */
  private async recordDeadLetter(origin: Origin, { code, message }: Refusal): Promise<boolean> {
    try {
      await this.deadLetters.record({
        queue: this.inboxQueue,
        jobId: origin.jobId,
        eventType: origin.eventType,
        payload: origin.payload,
        errorCode: code,
        errorMessage: message,
        attempts: origin.attempts,
      });
      return true;
    } catch (error) {
      this.logger.warn(
        { err: error, jobId: origin.jobId, code },
        'Dead letter not recorded yet; a retry or the failed-job sweep will',
      );
      return false;
    }
  }

  /** Only an inbox's worker applies events, so the queue is there. */
  private get inboxQueue(): string {
    return this.identity.inboxQueue ?? this.identity.name;
  }
}
