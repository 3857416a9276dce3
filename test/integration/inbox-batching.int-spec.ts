import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@koperasi/contracts';
import { AuditEntry, DeadLetter, InboxService, ProcessedEvent } from '@koperasi/platform';
import { signedEvent } from '@koperasi/testing';
import {
  SAMPLE_EVENT,
  SampleStatusConsumer,
  sampleStatusChange,
  startMessagingFixture,
  type MessagingFixture,
} from './messaging-fixture';

/**
 * The inbox applies the jobs in flight together. These tests hand it jobs directly, all in one
 * turn of the event loop, so they are sure to form one batch.
 */
describe('inbox batching (real PostgreSQL)', () => {
  let fx: MessagingFixture;
  let inbox: InboxService;
  let data: DataSource;

  beforeAll(async () => {
    fx = await startMessagingFixture();
    inbox = fx.consumer.get(InboxService);
    data = fx.consumer.get(DataSource);
  });

  afterAll(() => fx?.close());

  const envelope = (cooperativeId = randomUUID()): EventEnvelope<typeof SAMPLE_EVENT> =>
    signedEvent({
      eventId: randomUUID(),
      type: SAMPLE_EVENT,
      occurredAt: new Date().toISOString(),
      correlationId: `corr-${randomUUID()}`,
      data: sampleStatusChange(cooperativeId),
    });
  const job = (event: EventEnvelope) =>
    ({ id: event.eventId, name: event.type, data: event, opts: {}, attemptsMade: 0 }) as unknown as Job;
  const deliverTogether = (events: EventEnvelope[]) =>
    Promise.allSettled(events.map((event) => inbox.process(job(event))));

  it('applies events that arrive together in one transaction, each with its own correlation id', async () => {
    const events = Array.from({ length: 12 }, () => envelope());
    const outcomes = await deliverTogether(events);

    expect(outcomes).toEqual(events.map(() => ({ status: 'fulfilled', value: 'applied' })));
    const processed = await data
      .getRepository(ProcessedEvent)
      .findBy(events.map((event) => ({ eventId: event.eventId })));
    expect(processed).toHaveLength(12);
    // now() is the transaction's start: one stamp for all means one transaction.
    expect(new Set(processed.map((row) => row.processedAt.toISOString())).size).toBe(1);
    for (const event of events) {
      const audits = await data
        .getRepository(AuditEntry)
        .findBy({ action: 'sample.applied', entityId: event.data.cooperativeId });
      expect(audits.map((audit) => audit.correlationId)).toEqual([event.correlationId]);
    }
  });

  it('applies the rest of a batch when one event is rejected, and dead-letters only that one', async () => {
    const events = Array.from({ length: 6 }, () => envelope());
    const rejected = events[3];
    SampleStatusConsumer.rejectedCooperatives.add(rejected.data.cooperativeId);
    try {
      const outcomes = await deliverTogether(events);

      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect((outcomes[3] as PromiseRejectedResult).reason.message).toContain('SAMPLE_REJECTED');
      for (const event of events) {
        expect(await fx.effects('sample.applied', event.data.cooperativeId)).toBe(event === rejected ? 0 : 1);
      }
      const letter = await data.getRepository(DeadLetter).findOneByOrFail({ eventId: rejected.eventId });
      expect(letter.errorCode).toBe('SAMPLE_REJECTED');
      expect(await data.getRepository(ProcessedEvent).existsBy({ eventId: rejected.eventId })).toBe(false);
    } finally {
      SampleStatusConsumer.rejectedCooperatives.clear();
    }
  });

  it("applies a cooperative's events in their order when a failed batch is applied one by one", async () => {
    const cooperativeId = randomUUID();
    const [first, second] = [envelope(cooperativeId), envelope(cooperativeId)];
    const rejected = envelope();
    SampleStatusConsumer.rejectedCooperatives.add(rejected.data.cooperativeId);
    SampleStatusConsumer.slowEvents.add(first.eventId);
    try {
      const outcomes = await deliverTogether([first, second, rejected]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      const applied = await data
        .getRepository(AuditEntry)
        .find({ where: { action: 'sample.applied', entityId: cooperativeId }, order: { id: 'ASC' } });
      expect(applied.map((audit) => audit.correlationId)).toEqual([first.correlationId, second.correlationId]);
    } finally {
      SampleStatusConsumer.rejectedCooperatives.clear();
      SampleStatusConsumer.slowEvents.clear();
    }
  });

  it('applies an event once when it comes twice in one batch or was applied before', async () => {
    const earlier = envelope();
    expect(await inbox.process(job(earlier))).toBe('applied');
    const twice = envelope();

    const outcomes = await deliverTogether([earlier, twice, twice]);

    expect(outcomes.map((outcome) => (outcome as PromiseFulfilledResult<string>).value)).toEqual([
      'duplicate',
      'applied',
      'duplicate',
    ]);
    expect(await fx.effects('sample.applied', earlier.data.cooperativeId)).toBe(1);
    expect(await fx.effects('sample.applied', twice.data.cooperativeId)).toBe(1);
  });
});
