import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  CONTROL_QUEUES,
  INBOX_QUEUES,
  type EventEnvelope,
  type ProducerName,
  type RoutingTable,
  type ServiceName,
} from '@koperasi/contracts';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import type { ServiceIdentity } from '../service-identity';
import { DeadLetter } from './dead-letter.entity';
import { DeadLetters } from './dead-letters.service';
import { producerOf, signEnvelope, signMessage, verifyEnvelope } from './envelope-signature';
import { QueueDirectory } from './queue-directory';
import {
  REPUBLISH_REFUSED,
  REPUBLISH_REQUESTED,
  UNKNOWN_TO_PRODUCER,
  type RepublishRefusal,
  type RepublishRequest,
} from './republish-requests';
import { ROUTING_TABLE } from './routing.token';

/**
 * Works this application's control queue. As a producer it answers a consumer's request to
 * re-publish an event: from its outbox (published rows are kept OUTBOX_RETENTION_DAYS), signed
 * again, to that consumer's inbox only, under a fresh job id; the consumer's processed_events keeps
 * it exactly once. When its outbox has no such event it says so, and the consumer records a dead
 * letter that can only be dismissed. Messages are signed by their sender like envelopes; anything
 * else fails for good. Other failures (PostgreSQL, Redis) are retried with the inbox's budget.
 */
@Injectable()
export class ControlMessages {
  private readonly logger = new Logger(ControlMessages.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueDirectory,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(ROUTING_TABLE) private readonly routing: RoutingTable,
    // Only an application with an inbox (not the console) receives refusals.
    @Optional() private readonly deadLetters?: DeadLetters,
  ) {}

  process(job: Job): Promise<'republished' | 'refused' | 'recorded'> {
    if (job.name === REPUBLISH_REQUESTED) return this.republish(job.data as RepublishRequest);
    if (job.name === REPUBLISH_REFUSED) return this.recordRefusal(job.data as RepublishRefusal);
    throw new UnrecoverableError(`Unknown control message ${job.name}`);
  }

  private async republish(request: RepublishRequest): Promise<'republished' | 'refused'> {
    this.verify(request, request.consumer);
    const inbox = INBOX_QUEUES[request.consumer as ServiceName] as string | undefined;
    const routed = (this.routing[request.eventType as keyof RoutingTable] ?? []) as readonly string[];
    if (producerOf(request.eventType) !== this.identity.name || !inbox || !routed.includes(inbox)) {
      return this.refuse(request, `${this.identity.name} does not send ${request.eventType} to ${request.consumer}`);
    }
    const [row]: { envelope: EventEnvelope }[] = await this.dataSource.query(
      `SELECT envelope FROM outbox WHERE event_id = $1 AND type = $2`,
      [request.eventId, request.eventType],
    );
    if (!row) {
      return this.refuse(
        request,
        `${this.identity.name} has no event ${request.eventId} of type ${request.eventType} in its outbox: forged, or pruned past OUTBOX_RETENTION_DAYS`,
      );
    }
    await this.queues.get(inbox).add(request.eventType, signEnvelope(row.envelope, this.config.EVENT_SIGNING_KEYS), {
      jobId: `${request.eventId}-republish-${request.requestId}`,
    });
    this.logger.log(
      { eventId: request.eventId, consumer: request.consumer, requestedBy: request.requestedBy },
      `Re-published ${request.eventType} to ${inbox} at the request of ${request.consumer}`,
    );
    return 'republished';
  }

  private async refuse(request: RepublishRequest, reason: string): Promise<'refused'> {
    const { signedBy: _by, signature: _sig, ...unsigned } = request as RepublishRequest & Record<string, unknown>;
    const refusal: RepublishRefusal = { ...unsigned, producer: this.identity.name, reason };
    await this.queues
      .get(CONTROL_QUEUES[request.consumer as ProducerName])
      .add(REPUBLISH_REFUSED, signMessage(refusal, this.config.EVENT_SIGNING_KEYS, this.identity.name), {
        jobId: `refused-${request.requestId}`,
      });
    this.logger.warn({ eventId: request.eventId, consumer: request.consumer }, `Refused to re-publish: ${reason}`);
    return 'refused';
  }

  /** The consumer's side: the event it asked for does not exist; a dead letter says so. */
  private async recordRefusal(refusal: RepublishRefusal): Promise<'recorded'> {
    this.verify(refusal, producerOf(refusal.eventType));
    if (refusal.consumer !== this.identity.name || !this.deadLetters || !this.identity.inboxQueue) {
      throw new UnrecoverableError(`A refusal meant for ${refusal.consumer} reached ${this.identity.name}`);
    }
    const original = await this.dataSource.getRepository(DeadLetter).findOneBy({ id: refusal.deadLetterId });
    await this.deadLetters.record({
      queue: this.identity.inboxQueue,
      jobId: `${refusal.eventId}-refused-${refusal.requestId}`,
      eventType: refusal.eventType,
      payload: original?.payload ?? { eventId: refusal.eventId, type: refusal.eventType },
      errorCode: UNKNOWN_TO_PRODUCER,
      errorMessage: refusal.reason,
      attempts: original?.attempts ?? 0,
    });
    return 'recorded';
  }

  private verify(message: RepublishRequest, sender: string): void {
    const check = verifyEnvelope(message, this.config.EVENT_SIGNING_KEYS, [sender]);
    if (!check.ok) throw new UnrecoverableError(`BAD_SIGNATURE: the control message does not hold: ${check.reason}`);
  }
}
