import { Inject, Injectable } from '@nestjs/common';
import { CONTROL_QUEUES, PRODUCER_NAMES, type ProducerName } from '@koperasi/contracts';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import type { ServiceIdentity } from '../service-identity';
import { producerOf, signMessage } from './envelope-signature';
import { QueueDirectory } from './queue-directory';

/** Control message names on the control queues (see ControlMessages). */
export const REPUBLISH_REQUESTED = 'republish-requested';
export const REPUBLISH_REFUSED = 'republish-refused';
/** The dead-letter code of an event its producer does not have: forged, or pruned past its retention. */
export const UNKNOWN_TO_PRODUCER = 'UNKNOWN_TO_PRODUCER';

/** A consumer asks the producer of an event to send it again, from its outbox, to the consumer's inbox. */
export interface RepublishRequest {
  /** One per retry of a dead letter: the re-published job's id is made of it. */
  requestId: string;
  eventId: string;
  eventType: string;
  consumer: string;
  deadLetterId: string;
  requestedBy: string;
}

/** The producer's answer when its outbox holds no such event. */
export interface RepublishRefusal extends RepublishRequest {
  producer: string;
  reason: string;
}

/**
 * Sends the signed request for an event the inbox refused as unsigned or altered: its content
 * cannot be trusted, but its id can be asked about, and only the producer's outbox holds the
 * genuine event.
 */
@Injectable()
export class RepublishRequests {
  constructor(
    private readonly queues: QueueDirectory,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  /** The application that publishes `eventType`, or null when no application does. */
  producerOf(eventType: string): ProducerName | null {
    const producer = producerOf(eventType);
    return (PRODUCER_NAMES as readonly string[]).includes(producer) ? (producer as ProducerName) : null;
  }

  async ask(producer: ProducerName, request: Omit<RepublishRequest, 'consumer'>): Promise<void> {
    const message = signMessage(
      { ...request, consumer: this.identity.name },
      this.config.EVENT_SIGNING_KEYS,
      this.identity.name,
    );
    await this.queues
      .get(CONTROL_QUEUES[producer])
      .add(REPUBLISH_REQUESTED, message, { jobId: `republish-${request.requestId}` });
  }
}
