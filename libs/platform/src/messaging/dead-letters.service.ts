import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { checkEventData, isEventType, SYSTEM_ACTOR, type EventEnvelope } from '@koperasi/contracts';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { currentActor } from '../context/request-context';
import { conflict, notFound, unprocessable } from '../http/domain-error';
import type { ServiceIdentity } from '../service-identity';
import { DeadLetter, type DeadLetterResolution } from './dead-letter.entity';
import { signEnvelope } from './envelope-signature';
import { QueueDirectory } from './queue-directory';
import { RepublishRequests, UNKNOWN_TO_PRODUCER } from './republish-requests';
import { UnitOfWork, type Tx } from './unit-of-work';

export interface DeadLetterInput {
  queue: string;
  /** The failed job; a second record of the same job is a no-op. */
  jobId: string | null;
  eventType: string;
  payload: unknown;
  errorCode: string;
  errorMessage: string;
  attempts: number;
}

export interface DeadLetterPage {
  items: DeadLetter[];
  total: number;
}

/** The fields that say what an event is about: a corrected retry may not change them. */
const IDENTITY_FIELDS = ['cooperativeId', 'proceedingId', 'caseId'] as const;

@Injectable()
export class DeadLetters {
  private readonly logger = new Logger(DeadLetters.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly queues: QueueDirectory,
    private readonly republish: RepublishRequests,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
  ) {}

  /** Records a failure; answers the new dead letter's id, or null when this job was recorded before. */
  async record(input: DeadLetterInput): Promise<{ id: string } | null> {
    const envelope = input.payload as Partial<EventEnvelope> | null;
    const eventId = typeof envelope?.eventId === 'string' && isUuid(envelope.eventId) ? envelope.eventId : null;
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO dead_letters (queue, job_id, event_id, event_type, payload, error_code, error_message, attempts)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
      [
        input.queue,
        input.jobId,
        eventId,
        input.eventType.slice(0, 120),
        JSON.stringify(input.payload ?? null),
        input.errorCode.slice(0, 80),
        input.errorMessage,
        input.attempts,
      ],
    );
    if (!row) return null;
    this.logger.error(
      {
        deadLetterId: row.id,
        queue: input.queue,
        jobId: input.jobId,
        eventType: input.eventType,
        eventId,
        errorCode: input.errorCode,
      },
      `Event dead-lettered: ${input.errorMessage}`,
    );
    return row;
  }

  /** The job ids among `jobIds` that already have a dead letter from `queue`. */
  async recordedJobIds(queue: string, jobIds: string[]): Promise<Set<string>> {
    const rows: { job_id: string }[] = await this.dataSource.query(
      `SELECT job_id FROM dead_letters WHERE queue = $1 AND job_id = ANY($2::varchar[])`,
      [queue, jobIds],
    );
    return new Set(rows.map((row) => row.job_id));
  }

  async list(options: { includeResolved: boolean; limit: number; offset: number }): Promise<DeadLetterPage> {
    const [items, total] = await this.dataSource.getRepository(DeadLetter).findAndCount({
      where: options.includeResolved ? {} : { resolvedAt: IsNull() },
      order: { createdAt: 'DESC' },
      take: options.limit,
      skip: options.offset,
    });
    return { items, total };
  }

  /**
   * Puts the event back on the inbox queue under a fresh job id, with corrected data when the fix
   * is in the payload (never changing what the event is about). The inbox still guards against a
   * second effect, so retrying is always safe; if it fails again, a new dead letter appears.
   */
  async retry(id: string, correctedData: Record<string, unknown> | undefined): Promise<DeadLetter> {
    return this.resolve(id, 'RETRIED', null, async (letter, tx) => {
      const envelope = letter.payload as EventEnvelope;
      if (!letter.eventId || !isEventType(letter.eventType) || letter.queue !== this.identity.inboxQueue) {
        throw unprocessable(
          'DEAD_LETTER_NOT_RETRYABLE',
          'This dead letter has no event id or no known event type to retry',
        );
      }
      if (letter.errorCode === UNKNOWN_TO_PRODUCER) {
        throw unprocessable(
          'DEAD_LETTER_NOT_RETRYABLE',
          'Its producer has no such event (forged, or pruned past its retention): dismiss it with a reason',
          { eventId: letter.eventId, eventType: letter.eventType },
        );
      }
      if (letter.errorCode === 'BAD_SIGNATURE') return this.askProducer(letter, tx, correctedData);
      let data = envelope.data;
      if (correctedData) {
        assertSameIdentity(envelope.data as unknown as Record<string, unknown>, correctedData);
        const check = checkEventData(letter.eventType, correctedData);
        if (!check.ok)
          throw unprocessable('INVALID_PAYLOAD', `The corrected data is not a valid ${letter.eventType}`, {
            issues: check.issues,
          });
        data = check.data;
      }
      await tx.audit({
        action: 'dead-letter.retried',
        entityType: 'DeadLetter',
        entityId: letter.id,
        before: { resolvedAt: null },
        after: { retryCount: letter.retryCount, correctedData: correctedData ?? null },
      });
      // Signed by this service: the producer's signature no longer covers corrected data.
      const retried = signEnvelope({ ...envelope, data }, this.config.EVENT_SIGNING_KEYS, this.identity.name);
      await this.queues
        .get(letter.queue)
        .add(letter.eventType, retried, { jobId: `${letter.eventId}-retry-${randomUUID()}` });
    });
  }

  /**
   * An unsigned or altered job is never re-signed: its content cannot be trusted. Its producer is
   * asked to send the genuine event again from its outbox; one it does not have comes back as an
   * UNKNOWN_TO_PRODUCER dead letter.
   */
  private async askProducer(letter: DeadLetter, tx: Tx, correctedData: unknown): Promise<void> {
    const producer = this.republish.producerOf(letter.eventType);
    if (correctedData !== undefined || !producer) {
      throw unprocessable(
        'DEAD_LETTER_NOT_RETRYABLE',
        producer
          ? 'An unsigned or altered event is re-published by its producer as it was: retry it without data'
          : 'No service publishes this event type',
      );
    }
    await tx.audit({
      action: 'dead-letter.republish-requested',
      entityType: 'DeadLetter',
      entityId: letter.id,
      before: { resolvedAt: null },
      after: { retryCount: letter.retryCount, producer, eventId: letter.eventId },
    });
    await this.republish.ask(producer, {
      requestId: `${letter.id}-${letter.retryCount}`,
      eventId: letter.eventId!,
      eventType: letter.eventType,
      deadLetterId: letter.id,
      requestedBy: letter.resolvedBy!,
    });
  }

  /** Closes a dead letter that needs no retry (already handled by hand, obsolete, a test event). */
  async dismiss(id: string, reason: string): Promise<DeadLetter> {
    return this.resolve(id, 'DISMISSED', reason, (letter, tx) =>
      tx.audit({
        action: 'dead-letter.dismissed',
        entityType: 'DeadLetter',
        entityId: letter.id,
        before: { resolvedAt: null },
        after: { resolution: 'DISMISSED' },
        reason,
      }),
    );
  }

  private resolve(
    id: string,
    resolution: DeadLetterResolution,
    reason: string | null,
    act: (letter: DeadLetter, tx: Tx) => Promise<void>,
  ): Promise<DeadLetter> {
    return this.uow.run(async (tx) => {
      const repository = tx.manager.getRepository(DeadLetter);
      const letter = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!letter) throw notFound('DeadLetter', id);
      if (letter.resolvedAt) {
        const code =
          letter.resolution === 'DISMISSED' ? 'DEAD_LETTER_ALREADY_DISMISSED' : 'DEAD_LETTER_ALREADY_RETRIED';
        throw conflict(code, `This dead letter was already ${(letter.resolution ?? 'RETRIED').toLowerCase()}`, {
          resolvedAt: letter.resolvedAt,
          resolvedBy: letter.resolvedBy,
        });
      }
      if (resolution === 'RETRIED') letter.retryCount += 1;
      letter.resolvedAt = new Date();
      letter.resolvedBy = (currentActor() ?? SYSTEM_ACTOR).id;
      letter.resolution = resolution;
      letter.resolutionReason = reason;
      await act(letter, tx);
      return repository.save(letter);
    });
  }
}

function assertSameIdentity(original: Record<string, unknown>, corrected: Record<string, unknown>): void {
  const changed = IDENTITY_FIELDS.filter((field) => (original[field] ?? null) !== (corrected[field] ?? null));
  if (changed.length > 0) {
    throw unprocessable(
      'DEAD_LETTER_IDENTITY_CHANGED',
      `Corrected data may not change what the event is about (${changed.join(', ')})`,
      {
        fields: changed.map((field) => ({
          field,
          original: original[field] ?? null,
          corrected: corrected[field] ?? null,
        })),
      },
    );
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
