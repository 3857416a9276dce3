import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { isEventType, type EventEnvelope } from '@koperasi/contracts';
import { SERVICE_IDENTITY } from '../config/config.tokens';
import { conflict, notFound, unprocessable } from '../http/domain-error';
import type { ServiceIdentity } from '../service-identity';
import { DeadLetter } from './dead-letter.entity';
import { QueueDirectory } from './queue-directory';
import { UnitOfWork } from './unit-of-work';

export interface DeadLetterInput {
  queue: string;
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

@Injectable()
export class DeadLetters {
  private readonly logger = new Logger(DeadLetters.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly queues: QueueDirectory,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async record(input: DeadLetterInput): Promise<DeadLetter> {
    const envelope = input.payload as Partial<EventEnvelope> | null;
    const eventId = typeof envelope?.eventId === 'string' && isUuid(envelope.eventId) ? envelope.eventId : null;
    const row = await this.dataSource.getRepository(DeadLetter).save({ ...input, eventId });
    this.logger.error(
      { deadLetterId: row.id, queue: input.queue, eventType: input.eventType, eventId, errorCode: input.errorCode },
      `Event dead-lettered: ${input.errorMessage}`,
    );
    return row;
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
   * Puts the event back on the inbox queue, with corrected data when the fix is in the payload.
   * The inbox still guards against a second effect, so retrying is always safe.
   */
  async retry(id: string, correctedData: Record<string, unknown> | undefined): Promise<DeadLetter> {
    return this.uow.run(async (tx) => {
      const repository = tx.manager.getRepository(DeadLetter);
      const letter = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!letter) throw notFound('DeadLetter', id);
      if (letter.resolvedAt)
        throw conflict('DEAD_LETTER_ALREADY_RETRIED', 'This dead letter was already retried', {
          resolvedAt: letter.resolvedAt,
        });
      const envelope = letter.payload as EventEnvelope;
      if (!letter.eventId || !isEventType(letter.eventType) || letter.queue !== this.identity.inboxQueue) {
        throw unprocessable(
          'DEAD_LETTER_NOT_RETRYABLE',
          'This dead letter has no event id or no known event type to retry',
        );
      }
      const retried = { ...envelope, data: correctedData ?? envelope.data };
      const before = { retryCount: letter.retryCount, resolvedAt: letter.resolvedAt };
      letter.retryCount += 1;
      letter.resolvedAt = new Date();
      letter.resolvedBy = 'retry';
      await repository.save(letter);
      await tx.audit({
        action: 'dead-letter.retried',
        entityType: 'DeadLetter',
        entityId: letter.id,
        before,
        after: { retryCount: letter.retryCount, correctedData: correctedData ?? null },
      });
      await this.queues
        .get(letter.queue)
        .add(letter.eventType, retried, { jobId: `${letter.eventId}-retry-${letter.retryCount}` });
      return letter;
    });
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
